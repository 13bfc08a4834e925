/**
 * What the state store's repositories share (the data, its indexes and the change log), and the
 * three ways a list collection changes — a record added, put by its key, removed by its key — each
 * applied to the list, to every index its descriptor declares, and to the change log alike.
 */
import type { createChangeLog } from './change-log.js'
import { DESCRIPTORS, type MainKey, type PartCollection, type RecordOf } from './collections.js'
import type { Indexes, ListCollection } from './indexes.js'
import type { DbData } from './schema.js'

export interface StateContext {
  /** Replaced as a whole after a failed write; repositories read it on every call. */
  data: DbData
  ix: Indexes
  changes: ReturnType<typeof createChangeLog>
}

type Loose = { get(key: string): object | undefined, add(r: object): void, replace(old: object, next: object): void, remove(r: object): void }

/** The change as the change log takes it: a main-file key, a record put by key, or a record appended. */
function note(cx: StateContext, c: ListCollection, record: object, before: object | undefined): void {
  const d = DESCRIPTORS[c]
  if (d.storage === 'main') cx.changes.main(d.name)
  else if (d.kind === 'keyed') cx.changes.put(c as PartCollection, record, before)
  else cx.changes.add(c as PartCollection, record)
}

function keyOf(c: ListCollection, record: object): string {
  const d = DESCRIPTORS[c]
  if (d.kind !== 'keyed') throw new Error(`${c} has no key`)
  return (d.key as (r: object) => string)(record)
}

/** Appends `record` to its collection. */
export function addRecord<C extends ListCollection>(cx: StateContext, c: C, record: RecordOf<C>): void {
  const r = record as object
  ;(cx.data[c] as object[]).push(r)
  ;(cx.ix[c] as Loose).add(r)
  note(cx, c, r, undefined)
}

/**
 * Puts `record` in the place of the record with its key (appended when there is none, unless
 * `mustExist`: then it throws) and returns the record it replaced.
 */
export function putRecord<C extends ListCollection>(cx: StateContext, c: C, record: RecordOf<C>, mustExist = false): RecordOf<C> | undefined {
  const r = record as object
  const ix = cx.ix[c] as Loose
  const key = keyOf(c, r)
  const old = ix.get(key)
  const list = cx.data[c] as object[]
  if (old === undefined) {
    if (mustExist) throw new Error(`no record with id ${key}`)
    list.push(r)
    ix.add(r)
  }
  else {
    list[list.lastIndexOf(old)] = r
    ix.replace(old, r)
  }
  note(cx, c, r, old)
  return old as RecordOf<C> | undefined
}

/** Removes every record with `key` from a main-file collection. */
export function removeRecords(cx: StateContext, c: ListCollection & MainKey, key: string): void {
  const ix = cx.ix[c] as Loose
  const list = cx.data[c] as object[]
  const kept: object[] = []
  for (const r of list) {
    if (keyOf(c, r) === key) ix.remove(r)
    else kept.push(r)
  }
  (cx.data as Record<ListCollection, object[]>)[c] = kept
  cx.changes.main(c)
}
