/** The in-memory indexes over the store's collections, derived from the descriptors, rebuilt on load and kept up to date on change. */
import { DESCRIPTORS, type CollectionName, type RecordOf } from './collections.js'
import { createRecordIndex, type IndexedCollection, type RecordIndex } from './record-index.js'
import type { DbData } from './schema.js'

/** Collections held as lists of records (every one but the keyed maps). */
export type ListCollection = { [C in CollectionName]: DbData[C] extends readonly unknown[] ? C : never }[CollectionName]

/** Every list collection's records by key and by each index its descriptor declares. */
export type Indexes = { [C in ListCollection]: RecordIndex<RecordOf<C>> }

export function buildIndexes(data: DbData): Indexes {
  const ix: Partial<Record<ListCollection, RecordIndex<object>>> = {}
  for (const c of Object.keys(DESCRIPTORS) as CollectionName[]) {
    const d = DESCRIPTORS[c] as IndexedCollection
    if (d.kind !== 'map') ix[c as ListCollection] = createRecordIndex(d, data[c] as object[])
  }
  return ix as Indexes
}
