/**
 * The in-memory indexes of one collection, derived from its descriptor: the records by key (a dense
 * table when the descriptor says keys are numbered), and every declared index, kept up to date as
 * records are added, replaced and removed. Semantics are the declaration's (descriptor.ts, IndexSpec).
 */
import type { IndexSpec } from './descriptor.js'
import { DenseTable } from './dense-table.js'

type Rec = object
/** A record's keys in an index: one, several, or none. */
type KeysOf = (record: Rec) => string | readonly string[] | null

/** What a descriptor says that the indexes need. */
export interface IndexedCollection {
  name: string
  kind: 'keyed' | 'log' | 'map'
  key?: (record: never) => string
  indexes: readonly IndexSpec<never>[]
  dense?: { field: string, prefix: string }
}

interface SecondaryIndex {
  add(r: Rec): void
  /** Records older than every record present, in the order they were added. */
  addOlder(rs: readonly Rec[]): void
  remove(r: Rec): void
  replace(old: Rec, next: Rec): void
  get(key: string): Rec | readonly Rec[] | Iterable<Rec> | undefined
}

export interface RecordIndex<R> {
  /** The record with this key (a keyed collection). */
  get(key: string): R | undefined
  /** The record under `key` in a unique index. */
  one(index: string, key: string): R | undefined
  /** The records under `key` in an index, in the order they were added. */
  many(index: string, key: string): R[]
  add(record: R): void
  /**
   * Records that come before every record present, in the order they were added (a part read after
   * the store opened): under a shared key a unique index keeps the newer record, a non-unique one puts
   * them first; a key already held by a newer record keeps it.
   */
  addOlder(records: readonly R[]): void
  /** `next` takes the place of `old` (the record with the same key) in every index. */
  replace(old: R, next: R): void
  remove(record: R): void
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === ''

function keysOf(spec: IndexSpec<never>): KeysOf {
  if (spec.keys) return spec.keys as KeysOf
  const fields = spec.fields
  if (fields.length === 1) {
    const f = fields[0]!
    return (r) => {
      const v = (r as Record<string, unknown>)[f]
      return isEmpty(v) ? null : String(v)
    }
  }
  return (r) => {
    const vs = fields.map(f => (r as Record<string, unknown>)[f])
    return vs.some(isEmpty) ? null : vs.join('\u0000')
  }
}

function each(keys: string | readonly string[] | null, fn: (key: string) => void): void {
  if (keys === null) return
  if (typeof keys === 'string') fn(keys)
  else for (const k of keys) fn(k)
}

const list = (keys: string | readonly string[] | null): readonly string[] => keys === null ? [] : typeof keys === 'string' ? [keys] : keys

/** One record per key: the last one written wins; taking a record out drops a key only if it still points to it. */
function uniqueIndex(keys: KeysOf, same: (a: Rec, b: Rec) => boolean): SecondaryIndex {
  const map = new Map<string, Rec>()
  const remove = (r: Rec): void => each(keys(r), (k) => {
    const at = map.get(k)
    if (at !== undefined && same(at, r)) map.delete(k)
  })
  const add = (r: Rec): void => each(keys(r), k => map.set(k, r))
  const addOlder = (rs: readonly Rec[]): void => {
    for (const r of rs) {
      each(keys(r), (k) => {
        if (!map.has(k)) map.set(k, r)
      })
    }
  }
  return { add, addOlder, remove, replace: (old, next) => { remove(old); add(next) }, get: k => map.get(k) }
}

/** Records by key in the order added, one record kept bare and several in a list (most keys hold one). */
function multiIndex(keys: KeysOf, same: (a: Rec, b: Rec) => boolean): SecondaryIndex {
  const map = new Map<string, Rec | Rec[]>()
  const addAt = (k: string, r: Rec): void => {
    const b = map.get(k)
    if (b === undefined) map.set(k, r)
    else if (Array.isArray(b)) b.push(r)
    else map.set(k, [b, r])
  }
  const removeAt = (k: string, r: Rec): void => {
    const b = map.get(k)
    if (b === undefined) return
    const rest = Array.isArray(b) ? b.filter(x => !same(x, r)) : same(b, r) ? [] : [b]
    if (rest.length === 0) map.delete(k)
    else map.set(k, rest.length === 1 ? rest[0]! : rest)
  }
  const swapAt = (k: string, old: Rec, next: Rec): void => {
    const b = map.get(k)
    if (b === undefined) return addAt(k, next)
    if (!Array.isArray(b)) return void (same(b, old) ? map.set(k, next) : addAt(k, next))
    const i = b.findIndex(x => same(x, old))
    if (i >= 0) b[i] = next
    else b.push(next)
  }
  return {
    add: r => each(keys(r), k => addAt(k, r)),
    addOlder(rs) {
      const older = new Map<string, Rec[]>()
      for (const r of rs) {
        each(keys(r), (k) => {
          const list = older.get(k)
          if (list) list.push(r)
          else older.set(k, [r])
        })
      }
      for (const [k, list] of older) {
        const b = map.get(k)
        if (b !== undefined) list.push(...(Array.isArray(b) ? b : [b]))
        map.set(k, list.length === 1 ? list[0]! : list)
      }
    },
    remove: r => each(keys(r), k => removeAt(k, r)),
    replace(old, next) {
      const before = keys(old)
      const after = keys(next)
      if (typeof before === 'string' && before === after) return swapAt(before, old, next)
      const was = list(before)
      const now = list(after)
      for (const k of was) if (!now.includes(k)) removeAt(k, old)
      for (const k of now) {
        if (was.includes(k)) swapAt(k, old, next)
        else addAt(k, next)
      }
    },
    get: k => map.get(k),
  }
}

/** Many records per key, each key's records held by their own key, so replacing one is O(1) and keeps its place. */
function largeIndex(keys: KeysOf, pk: (r: Rec) => string): SecondaryIndex {
  const map = new Map<string, Map<string, Rec>>()
  const addAt = (k: string, r: Rec): void => {
    const m = map.get(k)
    if (m) m.set(pk(r), r)
    else map.set(k, new Map([[pk(r), r]]))
  }
  const removeAt = (k: string, r: Rec): void => void map.get(k)?.delete(pk(r))
  return {
    add: r => each(keys(r), k => addAt(k, r)),
    addOlder(rs) {
      const older = new Map<string, Map<string, Rec>>()
      for (const r of rs) {
        each(keys(r), (k) => {
          const m = older.get(k)
          if (m) m.set(pk(r), r)
          else older.set(k, new Map([[pk(r), r]]))
        })
      }
      for (const [k, m] of older) {
        for (const [key, r] of map.get(k) ?? []) m.set(key, r)
        map.set(k, m)
      }
    },
    remove: r => each(keys(r), k => removeAt(k, r)),
    replace(old, next) {
      const now = list(keys(next))
      for (const k of list(keys(old))) if (!now.includes(k)) removeAt(k, old)
      for (const k of now) addAt(k, next)
    },
    get: k => map.get(k)?.values(),
  }
}

/** The indexes `d` declares, over `records`. */
export function createRecordIndex<R extends object>(d: IndexedCollection, records: Iterable<R>): RecordIndex<R> {
  const pk = d.kind === 'keyed' ? d.key as (r: Rec) => string : null
  const same = pk ? (a: Rec, b: Rec) => a === b || pk(a) === pk(b) : (a: Rec, b: Rec) => a === b
  const dense = pk && d.dense ? new DenseTable<Rec>(d.dense.prefix, d.dense.field, pk) : null
  const byKey = pk && !dense ? new Map<string, Rec>() : null
  const secondary = new Map<string, SecondaryIndex>()
  for (const spec of d.indexes) {
    if (dense && spec.unique && !spec.keys && spec.fields.length === 1 && spec.fields[0] === dense.field) {
      secondary.set(spec.name, { add() {}, addOlder() {}, remove() {}, replace() {}, get: k => dense.byNumber(Number(k)) })
      continue
    }
    if (spec.large && !pk) throw new Error(`${d.name}.${spec.name}: a large index needs a keyed collection`)
    const keys = keysOf(spec)
    secondary.set(spec.name, spec.unique ? uniqueIndex(keys, same) : spec.large ? largeIndex(keys, pk!) : multiIndex(keys, same))
  }
  const all = [...secondary.values()]
  const index = (name: string): SecondaryIndex => {
    const found = secondary.get(name)
    if (!found) throw new Error(`${d.name} has no index ${name}`)
    return found
  }
  const add = (r: Rec): void => {
    dense?.set(r)
    byKey?.set(pk!(r), r)
    for (const ix of all) ix.add(r)
  }
  for (const r of records) add(r)
  return {
    get: key => (dense?.get(key) ?? byKey?.get(key)) as R | undefined,
    one: (name, key) => index(name).get(key) as R | undefined,
    many(name, key) {
      const found = index(name).get(key)
      return found === undefined ? [] : Symbol.iterator in found ? [...found as Iterable<R>] : [found as R]
    },
    add,
    addOlder(rs) {
      const fresh: Rec[] = []
      for (const r of rs) {
        const key = pk?.(r)
        if (key !== undefined && (dense?.get(key) ?? byKey?.get(key)) !== undefined) continue
        if (dense) dense.set(r)
        else if (key !== undefined) byKey!.set(key, r)
        fresh.push(r)
      }
      for (const ix of all) ix.addOlder(fresh)
    },
    replace(old, next) {
      dense?.set(next)
      byKey?.set(pk!(next), next)
      for (const ix of all) ix.replace(old, next)
    },
    remove(r) {
      dense?.delete(r)
      byKey?.delete(pk!(r))
      for (const ix of all) ix.remove(r)
    },
  }
}
