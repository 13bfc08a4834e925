/**
 * Caches of derived data (the parser's vocabulary, products without a cost) are kept per store. A view
 * of a store (the one the message path hands its use cases, router/use-case-store.ts) names the store
 * it stands for, so such a cache is the same whether it is reached through the view or the store.
 */
import type { Store } from '../domain/ports.js'

const VIEWED = Symbol('viewed store')

/** The store a view stands for (the store itself when it is not a view). */
export function storeIdentity(store: Store): Store {
  return (store as Store & { [VIEWED]?: Store })[VIEWED] ?? store
}

/**
 * A view of `store`: it answers as the store does (the same repositories, the same records), except
 * for the members in `own`. The store's members are called with the view as `this`, so a store's
 * methods must not rely on `this` (the state store's do not).
 */
export function storeView(store: Store, own: Partial<Store>): Store {
  return Object.assign(Object.create(store) as Store, own, { [VIEWED]: storeIdentity(store) })
}
