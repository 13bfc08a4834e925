/**
 * A non-unique index with many records under one key (an agent's customers), for a keyed collection
 * without a dense number: each key's records are held in a map by their own key, so replacing one
 * is O(1) and keeps its place.
 */
import { groupByKey, has, type KeysOf, type Rec, type SecondaryIndex } from './map-indexes.js'

export class LargeIndex implements SecondaryIndex {
  readonly #map = new Map<string, Map<string, Rec>>()
  constructor(readonly keysOf: KeysOf, readonly pk: (record: Rec) => string) {}

  add(r: Rec): void {
    const keys = this.keysOf(r)
    if (typeof keys === 'string') this.#add(keys, r)
    else if (keys !== null) for (const k of keys) this.#add(k, r)
  }

  addOlder(records: readonly Rec[]): void {
    for (const [k, older] of groupByKey(this.keysOf, records)) {
      const all = new Map<string, Rec>()
      for (const r of older) all.set(this.pk(r), r)
      // A record present keeps its value (it is the newer one), in the place of an older one with its key.
      const m = this.#map.get(k)
      if (m) for (const [p, r] of m) all.set(p, r)
      this.#map.set(k, all)
    }
  }

  remove(r: Rec): void {
    const keys = this.keysOf(r)
    if (typeof keys === 'string') this.#remove(keys, r)
    else if (keys !== null) for (const k of keys) this.#remove(k, r)
  }

  replace(old: Rec, next: Rec): void {
    const before = this.keysOf(old)
    const after = this.keysOf(next)
    if (typeof before === 'string') {
      if (!has(after, before)) this.#remove(before, old)
    }
    else if (before !== null) {
      for (const k of before) if (!has(after, k)) this.#remove(k, old)
    }
    this.add(next)
  }

  one(key: string): Rec | undefined {
    const m = this.#map.get(key)
    if (m) for (const r of m.values()) return r
    return undefined
  }

  many(key: string): Rec[] {
    const m = this.#map.get(key)
    return m ? [...m.values()] : []
  }

  #add(k: string, r: Rec): void {
    const m = this.#map.get(k)
    if (m) m.set(this.pk(r), r)
    else this.#map.set(k, new Map([[this.pk(r), r]]))
  }

  #remove(k: string, r: Rec): void {
    const m = this.#map.get(k)
    if (!m) return
    m.delete(this.pk(r))
    if (m.size === 0) this.#map.delete(k)
  }
}
