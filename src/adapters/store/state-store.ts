/**
 * The store's in-memory state with its indexes. Both the memory store and the file store use it;
 * they differ only in how `commit()` makes the state durable.
 */
import type { Store } from '../../domain/ports.js'
import type { Order } from '../../domain/types.js'
import { createBookRepos } from './book-repos.js'
import { createChangeLog } from './change-log.js'
import { buildIndexes } from './indexes.js'
import type { Op } from './journal.js'
import { keyOf } from './layout.js'
import { createLedgerRepos } from './ledger-repos.js'
import { createLoading, guardOrders } from './loading-orders.js'
import type { DbData } from './schema.js'
import type { StateContext } from './state-context.js'

export interface StateStoreOptions {
  /** Makes everything changed so far durable; rejects when it could not. */
  commit: () => Promise<void>
  close?: () => Promise<void>
  /** Remember what changed since the last `drainChanges()`, for a store that writes only changes. */
  track?: boolean
  /** Older orders are still to come (`addOlderOrders`, then `finishLoading`). */
  loading?: boolean
}

/** What a store that writes only changes needs besides the Store itself. */
export interface StateStore extends Store {
  data(): DbData
  replaceData(d: DbData): void
  /** The changes made since the last call, as journal operations, for the next write. */
  drainChanges(): Op[]
  /** The last drained changes are on disk: they can no longer be undone. */
  changesSaved(): void
  /** Undoes every change not yet on disk (after a failed write), in one synchronous step. */
  revertUnsaved(): void
  /**
   * Orders older than every order in memory (a part read after opening), oldest first. They are in
   * the list at once; the returned function indexes the next slice of them and says whether that was
   * the last, so a caller can let other work run in between.
   */
  addOlderOrders(orders: readonly Order[]): () => boolean
  /** Every older order is in memory; with `error`, they never will be. */
  finishLoading(error?: Error): void
}

/** Older orders indexed per turn of the event loop (a few milliseconds of work). */
const OLDER_SLICE = 4_000

/** A Store over `data`; call `replaceData` to go back to another state (after a failed write). */
export function createStateStore(initial: DbData, options: StateStoreOptions): StateStore {
  const log = createChangeLog(options.track ?? false, initial)
  // Every change passes through the change log, so counting there counts them all (see `changeCount`).
  let count = 0
  const counted = <A extends unknown[]>(f: (...a: A) => void) => (...a: A): void => { count++; f(...a) }
  const changes: typeof log = { ...log, put: counted(log.put), add: counted(log.add), main: counted(log.main), bump: counted(log.bump) }
  const cx: StateContext = { data: initial, ix: buildIndexes(initial), changes }
  const loading = createLoading(options.loading !== true)
  const ledger = createLedgerRepos(cx)

  const store = {
    data: () => cx.data,
    replaceData(next: DbData) {
      changes.bump()
      cx.data = next
      cx.ix = buildIndexes(cx.data)
      changes.takeUnsaved()
    },
    drainChanges: () => changes.drain(cx.data),
    changesSaved: () => changes.saved(),
    revertUnsaved() {
      changes.bump()
      const { undo, main } = changes.takeUnsaved()
      for (let i = undo.length - 1; i >= 0; i--) {
        const u = undo[i]!
        const list = cx.data[u.c] as unknown[]
        // An added record is found by identity (it is the last one unless something came after it),
        // a replaced one by key; a new record put by key is found by key and taken out.
        const at = u.added !== undefined ? list.lastIndexOf(u.added) : list.findLastIndex(r => keyOf(u.c, r) === u.key)
        if (at < 0) continue
        if (u.before === undefined) list.splice(at, 1)
        else list[at] = u.before
      }
      Object.assign(cx.data, main)
      cx.ix = buildIndexes(cx.data)
    },
    addOlderOrders(orders: readonly Order[]) {
      changes.bump()
      cx.data.orders = orders.concat(cx.data.orders)
      // Indexed a slice at a time, newest first (each slice older than everything indexed before it).
      let end = orders.length
      return () => {
        const start = Math.max(0, end - OLDER_SLICE)
        cx.ix.orders.addOlder(orders.slice(start, end))
        end = start
        return end === 0
      }
    },
    finishLoading: (error?: Error) => loading.finish(error),
    loaded: () => loading.done(),
    whenLoaded: () => loading.promise,
    revision: () => changes.revision(),
    changeCount: () => count,
    ...createBookRepos(cx),
    ...ledger,
    orders: guardOrders(ledger.orders, loading),
    nextSeq(name: string) {
      const next = (cx.data.counters[name] ?? 0) + 1
      cx.data.counters[name] = next
      changes.main('counters')
      return next
    },
    commit: () => options.commit(),
    close: () => options.close?.() ?? Promise.resolve(),
  }
  return store
}
