/**
 * The in-memory indexes of one collection, derived from its descriptor: the records by key (a dense
 * table when the descriptor says keys are numbered), and every declared index, kept up to date as
 * records are added, replaced and removed. Semantics are the declaration's (descriptor.ts, IndexSpec).
 *
 * Over a dense collection a non-unique index with one key per record is a chain index
 * (chain-index.ts: typed arrays by record number, no map entry per record); the others are kept in
 * maps (map-indexes.ts, large-index.ts). Chain indexes hold the records the dense table holds, one per number: a record
 * added with the number of another takes its place there, as it does in the table.
 */
import { ChainIndex } from './chain-index.js'
import { DenseTable } from './dense-table.js'
import type { IndexSpec } from './descriptor.js'
import { LargeIndex } from './large-index.js'
import { keyOfFields, keysOf, MultiIndex, UniqueIndex, type Rec, type SecondaryIndex } from './map-indexes.js'

/** What a descriptor says that the indexes need. */
export interface IndexedCollection {
  name: string
  kind: 'keyed' | 'log' | 'map'
  key?: (record: never) => string
  indexes: readonly IndexSpec<never>[]
  dense?: { field: string, prefix: string }
}

export interface RecordIndexOptions {
  /** Test hook: the hash chain indexes use (a constant one makes every key collide). */
  hash?: (key: string) => number
}

export interface RecordIndex<R> {
  /** The record with this key (a keyed collection). */
  get(key: string): R | undefined
  /** The record under `key` in a unique index (the first one in a non-unique index). */
  one(index: string, key: string): R | undefined
  /** The records under `key` in an index, in the order they were added (by number in a chain index). */
  many(index: string, key: string): R[]
  add(record: R): void
  /**
   * Records that come before every record present, in the order they were added (a part read after
   * the store opened). A record whose key is held already is left out (the one held is newer); under
   * a shared key a unique index keeps the newer record, a non-unique one puts them first; the dense
   * table takes them only into empty numbers.
   */
  addOlder(records: readonly R[]): void
  /** `next` takes the place of `old` (the record with the same key) in every index. */
  replace(old: R, next: R): void
  remove(record: R): void
}

/** An index on the dense number, answered by the dense table itself. */
class NumberIndex implements SecondaryIndex {
  constructor(readonly dense: DenseTable<Rec>) {}
  add(): void {}
  addOlder(): void {}
  remove(): void {}
  replace(): void {}
  one(key: string): Rec | undefined {
    return this.dense.byNumber(Number(key))
  }

  many(key: string): Rec[] {
    const r = this.one(key)
    return r === undefined ? [] : [r]
  }
}

class CollectionIndex implements RecordIndex<Rec> {
  readonly #pk: ((r: Rec) => string) | null
  readonly #dense: DenseTable<Rec> | null
  readonly #byKey: Map<string, Rec> | null
  /** Indexes by record number: changed while the dense table still holds the record they take out. */
  readonly #chains: ChainIndex[] = []
  readonly #others: SecondaryIndex[] = []
  readonly #named = new Map<string, SecondaryIndex>()

  constructor(readonly d: IndexedCollection, records: readonly Rec[], options: RecordIndexOptions) {
    const pk = d.kind === 'keyed' ? d.key as (r: Rec) => string : null
    this.#pk = pk
    const dense = pk && d.dense ? new DenseTable<Rec>(d.dense.prefix, d.dense.field, pk) : null
    this.#dense = dense
    this.#byKey = pk && !dense ? new Map() : null
    // Built one structure at a time, the dense table first (chain indexes take the records it holds).
    if (dense) dense.load(records)
    else if (pk) for (const r of records) this.#byKey!.set(pk(r), r)
    const same = pk ? (a: Rec, b: Rec) => a === b || pk(a) === pk(b) : (a: Rec, b: Rec) => a === b
    for (const spec of d.indexes) {
      const field = dense?.field
      let ix: SecondaryIndex
      if (dense && spec.unique && !spec.keys && spec.fields.length === 1 && spec.fields[0] === field) ix = new NumberIndex(dense)
      else if (dense && !spec.unique && !spec.keys) {
        const numberOf = (r: Rec): number => (r as Record<string, number>)[field!]!
        const chain = new ChainIndex(keyOfFields(spec.fields), numberOf, n => dense.at(n), options)
        chain.build(records, r => dense.at(numberOf(r)) === r)
        this.#chains.push(chain)
        ix = chain
      }
      else {
        if (spec.large && !pk) throw new Error(`${d.name}.${spec.name}: a large index needs a keyed collection`)
        const keys = keysOf(spec)
        ix = spec.unique ? new UniqueIndex(keys, same) : spec.large ? new LargeIndex(keys, pk!) : new MultiIndex(keys, same)
        for (const r of records) ix.add(r)
        this.#others.push(ix)
      }
      this.#named.set(spec.name, ix)
    }
  }

  get(key: string): Rec | undefined {
    return this.#dense ? this.#dense.get(key) : this.#byKey?.get(key)
  }

  one(name: string, key: string): Rec | undefined {
    return this.#index(name).one(key)
  }

  many(name: string, key: string): Rec[] {
    return this.#index(name).many(key)
  }

  add(r: Rec): void {
    if (this.#dense) this.#take(r)
    else this.#byKey?.set(this.#pk!(r), r)
    for (const ix of this.#others) ix.add(r)
  }

  addOlder(records: readonly Rec[]): void {
    const dense = this.#dense
    const pk = this.#pk
    // Newest first: of two older records with one key or one number, the newer one stays.
    const fresh: Rec[] = []
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i]!
      if (pk && this.get(pk(r)) !== undefined) continue
      if (dense) {
        if (!dense.fill(r)) continue
      }
      else if (pk) this.#byKey!.set(pk(r), r)
      fresh.push(r)
    }
    fresh.reverse()
    for (const c of this.#chains) c.addOlder(fresh)
    for (const ix of this.#others) ix.addOlder(fresh)
  }

  replace(old: Rec, next: Rec): void {
    const dense = this.#dense
    if (dense) {
      if (this.#holds(old) && dense.numberOf(old) === dense.numberOf(next)) {
        for (const c of this.#chains) c.replace(old, next)
        dense.set(next)
      }
      else {
        this.#drop(old)
        this.#take(next)
      }
    }
    else this.#byKey?.set(this.#pk!(next), next)
    for (const ix of this.#others) ix.replace(old, next)
  }

  remove(r: Rec): void {
    if (this.#dense) this.#drop(r)
    else this.#byKey?.delete(this.#pk!(r))
    for (const ix of this.#others) ix.remove(r)
  }

  #index(name: string): SecondaryIndex {
    const found = this.#named.get(name)
    if (!found) throw new Error(`${this.d.name} has no index ${name}`)
    return found
  }

  /** Whether the dense table holds `r` (under its number). */
  #holds(r: Rec): boolean {
    const at = this.#dense!.at(this.#dense!.numberOf(r))
    return at !== undefined && (at === r || this.#pk!(at) === this.#pk!(r))
  }

  /** `r` into the dense table and the chains, in the place of the record with its number. */
  #take(r: Rec): void {
    const dense = this.#dense!
    const at = dense.at(dense.numberOf(r))
    if (at !== undefined) for (const c of this.#chains) c.remove(at)
    dense.set(r)
    for (const c of this.#chains) c.add(r)
  }

  /** `r` out of the chains (when the dense table holds it) and out of the dense table. */
  #drop(r: Rec): void {
    if (this.#holds(r)) for (const c of this.#chains) c.remove(r)
    this.#dense!.delete(r)
  }
}

/** The indexes `d` declares, over `records`. */
export function createRecordIndex<R extends object>(d: IndexedCollection, records: Iterable<R>, options: RecordIndexOptions = {}): RecordIndex<R> {
  // The records are R's: every record the index returns is one it was given.
  return new CollectionIndex(d, Array.isArray(records) ? records : [...records], options) as unknown as RecordIndex<R>
}
