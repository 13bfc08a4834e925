/**
 * Secondary indexes kept in maps from key to records, for collections without a dense number and
 * for indexes with several keys per record (a name and its aliases). One class per kind of index,
 * with plain loops: no closure is made per record or per call. Semantics: descriptor.ts, IndexSpec.
 */
import type { IndexSpec } from './descriptor.js'

export type Rec = object
/** A record's keys in an index: one, several, or none. */
export type Keys = string | readonly string[] | null
export type KeysOf = (record: Rec) => Keys
/** Whether two records are the same record (the same object, or the same key). */
export type Same = (a: Rec, b: Rec) => boolean

/** One declared index over a collection, kept up to date as records are added, replaced and removed. */
export interface SecondaryIndex {
  add(r: Rec): void
  /** Adds records older than every record present, in their own order (see RecordIndex.addOlder). */
  addOlder(records: readonly Rec[]): void
  remove(r: Rec): void
  /** `next` takes the place of `old` (the same record, changed). */
  replace(old: Rec, next: Rec): void
  /** The record under `key` (the first one, in a non-unique index). */
  one(key: string): Rec | undefined
  many(key: string): Rec[]
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === ''

/** A record's one key from `fields`: their values joined by NUL, null when one is empty. */
export function keyOfFields(fields: readonly string[]): (record: Rec) => string | null {
  if (fields.length === 1) {
    const f = fields[0]!
    return (r) => {
      const v = (r as Record<string, unknown>)[f]
      return typeof v === 'string' ? (v === '' ? null : v) : isEmpty(v) ? null : String(v)
    }
  }
  return (r) => {
    const vs = fields.map(f => (r as Record<string, unknown>)[f])
    return vs.some(isEmpty) ? null : vs.join('\u0000')
  }
}

/** The keys function `spec` declares. */
export const keysOf = (spec: IndexSpec<never>): KeysOf => (spec.keys as KeysOf | undefined) ?? keyOfFields(spec.fields)

export const has = (keys: Keys, k: string): boolean => keys === k || (keys !== null && typeof keys !== 'string' && keys.includes(k))

/** Records under each key, in order, for `addOlder`: the batch grouped by key. */
export function groupByKey(keysOf: KeysOf, records: readonly Rec[]): Map<string, Rec[]> {
  const groups = new Map<string, Rec[]>()
  const put = (k: string, r: Rec): void => {
    const g = groups.get(k)
    if (g) g.push(r)
    else groups.set(k, [r])
  }
  for (const r of records) {
    const keys = keysOf(r)
    if (typeof keys === 'string') put(keys, r)
    else if (keys !== null) for (const k of keys) put(k, r)
  }
  return groups
}

/**
 * What every map index shares: a record's keys (one, several or none) walked with a plain loop, each
 * key added or removed by the index's own rule.
 */
export abstract class KeyedMapIndex {
  constructor(readonly keysOf: KeysOf) {}

  protected abstract addAt(k: string, r: Rec): void
  protected abstract removeAt(k: string, r: Rec): void

  add(r: Rec): void {
    const keys = this.keysOf(r)
    if (typeof keys === 'string') this.addAt(keys, r)
    else if (keys !== null) for (const k of keys) this.addAt(k, r)
  }

  remove(r: Rec): void {
    const keys = this.keysOf(r)
    if (typeof keys === 'string') this.removeAt(keys, r)
    else if (keys !== null) for (const k of keys) this.removeAt(k, r)
  }

  /** Takes `old` out from under the keys it had that `after` no longer has. */
  protected removeDropped(before: Keys, after: Keys, old: Rec): void {
    if (typeof before === 'string') {
      if (!has(after, before)) this.removeAt(before, old)
    }
    else if (before !== null) {
      for (const k of before) if (!has(after, k)) this.removeAt(k, old)
    }
  }
}

/** One record per key: the last one written wins; taking a record out drops a key only if it still points to it. */
export class UniqueIndex extends KeyedMapIndex implements SecondaryIndex {
  readonly #map = new Map<string, Rec>()
  constructor(keysOf: KeysOf, readonly same: Same) {
    super(keysOf)
  }

  addOlder(records: readonly Rec[]): void {
    // The newest of the batch is written first, and nothing overwrites a key already held.
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i]!
      const keys = this.keysOf(r)
      if (typeof keys === 'string') this.#keep(keys, r)
      else if (keys !== null) for (const k of keys) this.#keep(k, r)
    }
  }

  replace(old: Rec, next: Rec): void {
    this.remove(old)
    this.add(next)
  }

  one(key: string): Rec | undefined {
    return this.#map.get(key)
  }

  many(key: string): Rec[] {
    const r = this.#map.get(key)
    return r === undefined ? [] : [r]
  }

  #keep(k: string, r: Rec): void {
    if (!this.#map.has(k)) this.#map.set(k, r)
  }

  protected addAt(k: string, r: Rec): void {
    this.#map.set(k, r)
  }

  protected removeAt(k: string, r: Rec): void {
    const at = this.#map.get(k)
    if (at !== undefined && this.same(at, r)) this.#map.delete(k)
  }
}

/** Records by key in the order added, one record kept bare and several in a list (most keys hold one). */
export class MultiIndex extends KeyedMapIndex implements SecondaryIndex {
  readonly #map = new Map<string, Rec | Rec[]>()
  constructor(keysOf: KeysOf, readonly same: Same) {
    super(keysOf)
  }

  addOlder(records: readonly Rec[]): void {
    for (const [k, older] of groupByKey(this.keysOf, records)) {
      const b = this.#map.get(k)
      const all = b === undefined ? older : older.concat(b)
      this.#map.set(k, all.length === 1 ? all[0]! : all)
    }
  }

  replace(old: Rec, next: Rec): void {
    const before = this.keysOf(old)
    const after = this.keysOf(next)
    if (typeof before === 'string' && before === after) return this.#swap(before, old, next)
    this.removeDropped(before, after, old)
    if (typeof after === 'string') this.#addOrSwap(before, after, old, next)
    else if (after !== null) for (const k of after) this.#addOrSwap(before, k, old, next)
  }

  one(key: string): Rec | undefined {
    const b = this.#map.get(key)
    return Array.isArray(b) ? b[0] : b
  }

  many(key: string): Rec[] {
    const b = this.#map.get(key)
    return b === undefined ? [] : Array.isArray(b) ? b.slice() : [b]
  }

  #addOrSwap(before: Keys, k: string, old: Rec, next: Rec): void {
    if (has(before, k)) this.#swap(k, old, next)
    else this.addAt(k, next)
  }

  protected addAt(k: string, r: Rec): void {
    const b = this.#map.get(k)
    if (b === undefined) this.#map.set(k, r)
    else if (Array.isArray(b)) b.push(r)
    else this.#map.set(k, [b, r])
  }

  protected removeAt(k: string, r: Rec): void {
    const b = this.#map.get(k)
    if (b === undefined) return
    if (!Array.isArray(b)) {
      if (this.same(b, r)) this.#map.delete(k)
      return
    }
    const rest = b.filter(x => !this.same(x, r))
    if (rest.length === 0) this.#map.delete(k)
    else this.#map.set(k, rest.length === 1 ? rest[0]! : rest)
  }

  /** `next` in the place of `old` under `k` (at the end when `old` is not there). */
  #swap(k: string, old: Rec, next: Rec): void {
    const b = this.#map.get(k)
    if (Array.isArray(b)) {
      const i = b.findIndex(x => this.same(x, old))
      if (i >= 0) b[i] = next
      else b.push(next)
    }
    else if (b !== undefined && this.same(b, old)) this.#map.set(k, next)
    else this.addAt(k, next)
  }
}
