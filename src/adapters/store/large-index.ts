/**
 * A non-unique index with many records under one key (an agent's customers), for a keyed collection
 * without a dense number: each key's records are held in a map by their own key, so replacing one
 * is O(1) and keeps its place.
 */
import { groupByKey, KeyedMapIndex, type KeysOf, type Rec, type SecondaryIndex } from './map-indexes.js'

export class LargeIndex extends KeyedMapIndex implements SecondaryIndex {
  readonly #map = new Map<string, Map<string, Rec>>()
  constructor(keysOf: KeysOf, readonly pk: (record: Rec) => string) {
    super(keysOf)
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

  replace(old: Rec, next: Rec): void {
    this.removeDropped(this.keysOf(old), this.keysOf(next), old)
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

  protected addAt(k: string, r: Rec): void {
    const m = this.#map.get(k)
    if (m) m.set(this.pk(r), r)
    else this.#map.set(k, new Map([[this.pk(r), r]]))
  }

  protected removeAt(k: string, r: Rec): void {
    const m = this.#map.get(k)
    if (!m) return
    m.delete(this.pk(r))
    if (m.size === 0) this.#map.delete(k)
  }
}
