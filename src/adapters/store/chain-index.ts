/**
 * A non-unique index with one key per record over a dense collection (records numbered, see
 * dense-table.ts), kept without a map entry or a list per record: the records whose keys have one
 * hash form a circular doubly linked chain through `next` and `prev` by record number
 * (record-links.ts), and a hash table holds the first record of each chain (hash-slots.ts). A chain
 * is kept in number order, which is the order the records were added in practice (numbers come
 * from a counter). Reading a key walks its chain and keeps the records with that key (two keys with
 * one 32-bit hash are rare). Every change is O(1), but an insertion out of number order, which walks
 * back from the end of its chain.
 *
 * Numbers are resolved to records by `recordAt` (the dense table).
 */
import { buildChains } from './chain-build.js'
import { HashSlots, hashKey } from './hash-slots.js'
import type { Rec, SecondaryIndex } from './map-indexes.js'
import { NIL, RecordLinks } from './record-links.js'

export interface ChainIndexOptions {
  /** Test hook: the hash of a key (a constant one puts every key in one chain). */
  hash?: (key: string) => number
}

export class ChainIndex implements SecondaryIndex {
  readonly #slots = new HashSlots()
  readonly #links = new RecordLinks()
  readonly #hash: (key: string) => number

  constructor(
    readonly keyOf: (record: Rec) => string | null,
    readonly numberOf: (record: Rec) => number,
    readonly recordAt: (n: number) => Rec | undefined,
    options: ChainIndexOptions = {},
  ) {
    const hash = options.hash
    this.#hash = hash ? (key: string) => hash(key) | 0 : hashKey
  }

  /** Adds, to an empty index, the `records` for which `keep` holds, in one pass sorted by hash (chain-build.ts). */
  build(records: readonly Rec[], keep: (record: Rec) => boolean): void {
    buildChains({ keyOf: this.keyOf, numberOf: this.numberOf, hash: this.#hash, slots: this.#slots, links: this.#links }, records, keep)
  }

  add(r: Rec): void {
    const key = this.keyOf(r)
    if (key === null) return
    const h = this.#hash(key)
    const links = this.#links
    const slots = this.#slots
    const id = links.acquire(this.numberOf(r))
    const s = slots.find(h)
    if (s < 0) {
      links.insertAfter(NIL, id)
      return slots.claim(h, id)
    }
    const head = slots.head(s)
    const tail = links.prev(head)
    const n = links.number(id)
    if (n < links.number(head)) slots.setHead(s, id)
    let at = tail
    if (n > links.number(head)) while (links.number(at) > n) at = links.prev(at)
    links.insertAfter(at, id)
  }

  /** In number order: before the records present, when older (newest first, each is then put first in O(1)). */
  addOlder(records: readonly Rec[]): void {
    for (let i = records.length - 1; i >= 0; i--) this.add(records[i]!)
  }

  remove(r: Rec): void {
    const key = this.keyOf(r)
    if (key === null) return
    const links = this.#links
    const id = links.find(this.numberOf(r))
    if (id === NIL || !links.linked(id)) return
    const s = this.#slots.find(this.#hash(key))
    if (s < 0) throw new Error(`record ${this.numberOf(r)} is linked under another key than ${key}`)
    const next = links.unlink(id)
    if (next === id) this.#slots.release(s)
    else if (this.#slots.head(s) === id) this.#slots.setHead(s, next)
    links.release(id)
  }

  replace(old: Rec, next: Rec): void {
    // An update that keeps the number and the key keeps the place: a chain links numbers, not records.
    if (this.numberOf(old) === this.numberOf(next) && this.keyOf(old) === this.keyOf(next)) return
    this.remove(old)
    this.add(next)
  }

  one(key: string): Rec | undefined {
    return this.#read(key, true)[0]
  }

  many(key: string): Rec[] {
    return this.#read(key, false)
  }

  #read(key: string, first: boolean): Rec[] {
    const out: Rec[] = []
    const s = this.#slots.find(this.#hash(key))
    if (s < 0) return out
    const links = this.#links
    const head = this.#slots.head(s)
    let id = head
    do {
      const r = this.recordAt(links.number(id))!
      if (this.keyOf(r) === key) {
        out.push(r)
        if (first) break
      }
      id = links.next(id)
    } while (id !== head)
    return out
  }
}
