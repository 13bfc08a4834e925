/** What the state store's repositories share: the data, its indexes and the change log. */
import type { createChangeLog } from './change-log.js'
import type { Indexes } from './indexes.js'
import type { DbData } from './schema.js'

export interface StateContext {
  /** Replaced as a whole after a failed write; repositories read it on every call. */
  data: DbData
  ix: Indexes
  changes: ReturnType<typeof createChangeLog>
}

/** Replaces a record found by id in its list and its index; the record must exist. */
export function putById<T extends { id: string }>(list: T[], map: { get(id: string): T | undefined, set(id: string, item: T): unknown }, item: T): void {
  const old = map.get(item.id)
  if (!old) throw new Error(`no record with id ${item.id}`)
  list[list.indexOf(old)] = item
  map.set(item.id, item)
}
