/**
 * The record index's structures on their own: chains by record number with a hash table of chain
 * heads (a dense collection's non-unique index), and the map-based indexes, against a plain model
 * under random changes, with every key colliding or none, far-apart numbers and a table that grows.
 */
import { describe, expect, it } from 'vitest'
import { createRecordIndex, type IndexedCollection, type RecordIndex } from '../../src/adapters/store/record-index.js'

interface Thing { id: string, no: number, tag: string | null, code: string }

const thing = (no: number, tag: string | null, code = `k${no}`, id = `t${no}`): Thing => ({ id, no, tag, code })

const THINGS: IndexedCollection = {
  name: 'things',
  kind: 'keyed',
  key: (r: Thing) => r.id,
  dense: { field: 'no', prefix: 't' },
  indexes: [
    { name: 'byNo', fields: ['no'], unique: true },
    { name: 'byTag', fields: ['tag'], unique: false },
    { name: 'byCode', fields: ['code'], unique: true },
  ],
}

const nos = (list: readonly Thing[]): number[] => list.map(t => t.no)
const build = (records: Thing[] = [], hash?: (key: string) => number): RecordIndex<Thing> => createRecordIndex<Thing>(THINGS, records, { hash })

/** A seeded generator (xorshift), so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let x = seed
  return (n) => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) % n
  }
}

const TAGS = ['a', 'b', 'c', 'dd', 'ee', 'f'] as const
const NUMBERS = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1_000_003, 2 ** 31 - 5, 2 ** 40 + 1, 7_000_000_001]

describe('a chain index against a model', () => {
  it.each([
    ['the real hash', undefined],
    ['every key colliding', () => 7],
    ['keys colliding by length', (k: string) => k.length],
  ] as const)('answers like the model through adds, replaces, removals and older records, with %s', (_, hash) => {
    for (let seed = 1; seed <= 8; seed++) {
      const pick = random(seed)
      const model = new Map<number, Thing>()
      const ix = build([], hash)
      for (let step = 0; step < 300; step++) {
        const no = NUMBERS[pick(NUMBERS.length)]!
        const tag = pick(8) === 0 ? null : TAGS[pick(TAGS.length)]!
        const held = model.get(no)
        const op = pick(10)
        if (!held && op < 8) {
          const r = thing(no, tag)
          ix.add(r)
          model.set(no, r)
        }
        else if (!held) {
          // Older records: each number not yet held, in the order given.
          const older = NUMBERS.filter(n => n < no && !model.has(n)).slice(0, 3).map(n => thing(n, TAGS[pick(TAGS.length)]!))
          ix.addOlder(older)
          for (const r of older) model.set(r.no, r)
        }
        else if (op < 6) {
          const r = { ...held, tag }
          ix.replace(held, r)
          model.set(no, r)
        }
        else {
          ix.remove(held)
          model.delete(no)
        }
        for (const t of TAGS) {
          const want = [...model.values()].filter(r => r.tag === t).sort((a, b) => a.no - b.no)
          expect(nos(ix.many('byTag', t)), `seed ${seed} step ${step} tag ${t}`).toEqual(nos(want))
          expect(ix.one('byTag', t)?.no).toBe(want[0]?.no)
        }
        for (const n of NUMBERS) expect(ix.get(`t${n}`)).toBe(model.get(n))
      }
      // Built at once from the same records, in no particular order (the bulk build).
      const again = build([...model.values()], hash)
      for (const t of TAGS) expect(nos(again.many('byTag', t)), `seed ${seed} rebuilt, tag ${t}`).toEqual(nos(ix.many('byTag', t)))
    }
  })
})

describe('a chain index', () => {
  it('keeps many records under one key in number order, whatever order they come in', () => {
    const order = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 2000 + 1)
    const ix = build(order.slice(0, 1000).map(n => thing(n, 'x')))
    for (const n of order.slice(1000)) ix.add(thing(n, 'x'))
    expect(nos(ix.many('byTag', 'x'))).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1))
  })

  it.each([
    ['the head', 1, [2, 3, 4]],
    ['the middle', 3, [1, 2, 4]],
    ['the tail', 4, [1, 2, 3]],
  ])('takes out a record at %s of its chain', (_, gone, left) => {
    const records = [1, 2, 3, 4].map(n => thing(n, 'x'))
    const ix = build(records)
    ix.remove(records[gone - 1]!)
    expect(nos(ix.many('byTag', 'x'))).toEqual(left)
    ix.add(thing(gone, 'x'))
    expect(nos(ix.many('byTag', 'x'))).toEqual([1, 2, 3, 4])
  })

  it('moves a record whose key changes to its place in the new key\'s chain, and keeps the place of one that keeps it', () => {
    const records = [1, 2, 3, 4, 5].map(n => thing(n, n % 2 === 0 ? 'even' : 'odd'))
    const ix = build(records)
    ix.replace(records[2]!, thing(3, 'even'))
    expect(nos(ix.many('byTag', 'odd'))).toEqual([1, 5])
    expect(nos(ix.many('byTag', 'even'))).toEqual([2, 3, 4])
    const kept = { ...ix.get('t2')!, code: 'changed' }
    ix.replace(ix.get('t2')!, kept)
    expect(ix.many('byTag', 'even')[0]).toBe(kept)
    ix.replace(ix.get('t5')!, thing(5, null))
    expect(nos(ix.many('byTag', 'odd'))).toEqual([1])
  })

  it('tells apart keys with one hash, and takes the last one out of a shared chain', () => {
    const ix = build([thing(1, 'a'), thing(2, 'b'), thing(3, 'a')], () => 42)
    expect(nos(ix.many('byTag', 'a'))).toEqual([1, 3])
    expect(ix.one('byTag', 'b')?.no).toBe(2)
    expect(ix.many('byTag', 'c')).toEqual([])
    for (const n of [1, 2, 3]) ix.remove(ix.get(`t${n}`)!)
    expect(ix.many('byTag', 'a')).toEqual([])
    ix.add(thing(4, 'b'))
    expect(nos(ix.many('byTag', 'b'))).toEqual([4])
  })

  it('grows its table and keeps finding every key after many additions and removals', () => {
    const ix = build([thing(1, 'k0')])
    for (let n = 2; n <= 20_000; n++) ix.add(thing(n, `k${n % 5000}`))
    for (let n = 1; n <= 20_000; n += 3) ix.remove(ix.get(`t${n}`)!)
    for (let k = 0; k < 5000; k++) {
      const want = [k, k + 5000, k + 10_000, k + 15_000, k + 20_000].filter(n => n >= 1 && n <= 20_000 && (n - 1) % 3 !== 0)
      expect(nos(ix.many('byTag', `k${k}`))).toEqual(want)
    }
  })

  it('holds records with numbers far apart (a stray huge number is held apart, not in an array that long)', () => {
    const far = [3, 2 ** 40, 1, 99_999_999_999, 2]
    const ix = build(far.map(n => thing(n, 'x')))
    expect(nos(ix.many('byTag', 'x'))).toEqual([1, 2, 3, 99_999_999_999, 2 ** 40])
    ix.remove(ix.get(`t${2 ** 40}`)!)
    ix.add(thing(2 ** 45, 'x'))
    ix.replace(ix.get('t1')!, thing(1, 'y'))
    expect(nos(ix.many('byTag', 'x'))).toEqual([2, 3, 99_999_999_999, 2 ** 45])
    expect(nos(ix.many('byTag', 'y'))).toEqual([1])
  })

  it('holds one record per number: a record added with a taken number takes its place', () => {
    const ix = build([thing(7, 'a', 'k7', 'legacy-7'), thing(8, 'a')])
    ix.add(thing(7, 'b'))
    expect(nos(ix.many('byTag', 'a'))).toEqual([8])
    expect(nos(ix.many('byTag', 'b'))).toEqual([7])
    expect(ix.one('byNo', '7')?.id).toBe('t7')
  })
})

describe('unique indexes', () => {
  it('give a key to the last record written, and drop it only with the record it points to', () => {
    const ix = build([thing(1, 'a', 'same'), thing(2, 'a', 'same')])
    expect(ix.one('byCode', 'same')?.no).toBe(2)
    ix.remove(ix.get('t1')!)
    expect(ix.one('byCode', 'same')?.no).toBe(2)
    ix.replace(ix.get('t2')!, thing(2, 'a', 'other'))
    expect(ix.one('byCode', 'same')).toBeUndefined()
    expect(ix.many('byCode', 'other').map(t => t.no)).toEqual([2])
  })
})

describe('addOlder', () => {
  it('keeps the newer record under a unique key, puts older records first under a key, and fills only empty numbers', () => {
    const ix = build([thing(10, 'a', 'shared'), thing(11, 'a')])
    const older = [thing(3, 'a', 'shared'), thing(4, 'b', 'k4'), thing(10, 'c', 'k10-old', 'old-10'), thing(5, 'a'), thing(11, 'd', 'k11-older')]
    ix.addOlder(older)
    // A record whose key is held (an older version of it) is left out of every index.
    expect([ix.get('t11')?.tag, ix.many('byTag', 'd'), ix.one('byCode', 'k11-older')]).toEqual(['a', [], undefined])
    expect(ix.one('byCode', 'shared')?.no).toBe(10)
    expect(ix.one('byCode', 'k4')?.no).toBe(4)
    expect(nos(ix.many('byTag', 'a'))).toEqual([3, 5, 10, 11])
    expect(ix.get('t10')?.tag).toBe('a')
    expect(ix.many('byTag', 'c')).toEqual([])
    expect(ix.get('t5')?.no).toBe(5)
  })

  it('takes the recent records first and the older ones in slices, newest slice first, as the store reads parts', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => thing(i + 1, `c${i % 7}`))
    const ix = build(all.slice(9000))
    for (let end = 9000; end > 0; end -= 700) ix.addOlder(all.slice(Math.max(0, end - 700), end))
    for (let c = 0; c < 7; c++) expect(nos(ix.many('byTag', `c${c}`))).toEqual(nos(all.filter(t => t.tag === `c${c}`)))
  })

  it('puts older records first in a map-based index too (a collection without numbers)', () => {
    const plain: IndexedCollection = { name: 'plain', kind: 'keyed', key: (r: Thing) => r.id, indexes: [{ name: 'byTag', fields: ['tag'], unique: false }, { name: 'byCode', fields: ['code'], unique: true }] }
    const ix = createRecordIndex<Thing>(plain, [thing(10, 'a', 'shared'), thing(11, 'a')])
    ix.addOlder([thing(1, 'a', 'shared'), thing(2, 'a'), thing(10, 'z', 'zz')])
    expect(nos(ix.many('byTag', 'a'))).toEqual([1, 2, 10, 11])
    expect(ix.one('byCode', 'shared')?.no).toBe(10)
    expect([ix.get('t10')?.tag, ix.one('byCode', 'zz')]).toEqual(['a', undefined])
  })
})
