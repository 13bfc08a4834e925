/**
 * Caches of derived data (the parser's vocabulary, products without a cost) are kept per store. The
 * message path hands use cases a view of the store that notes changes (router/track-changes.ts), a new
 * one per message; such a view names the store it stands for, so a cache keyed by the store is found
 * again on the next message instead of being rebuilt from every record.
 */
import type { Store } from '../domain/ports.js'

const VIEWED = Symbol('viewed store')

/** The store a view stands for (the store itself when it is not a view). */
export function storeIdentity(store: Store): Store {
  return (store as Store & { [VIEWED]?: Store })[VIEWED] ?? store
}

/** What a view answers for the property that names its store. */
export function viewedStoreKey(): symbol {
  return VIEWED
}
