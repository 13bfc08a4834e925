/**
 * The store as the message path sees it: every change is noted, so the boundary knows whether there is
 * anything to save, and only the boundary saves — a use case calling `commit()` is a bug.
 */
import type { Store } from '../../domain/ports.js'
import { storeIdentity, viewedStoreKey } from '../store-identity.js'

const VIEWED = viewedStoreKey()

/** Methods that change what is stored (on the store itself and on each of its repositories). */
const CHANGES = new Set(['add', 'update', 'put', 'remove', 'set', 'keepLast', 'nextSeq'])

export interface TrackedStore {
  store: Store
  /** True once anything was changed through `store`. */
  changed(): boolean
}

export function trackChanges(store: Store): TrackedStore {
  let changed = false
  const wrapped = new WeakMap<object, object>()
  function wrap<T extends object>(target: T, top: boolean): T {
    const known = wrapped.get(target)
    if (known) return known as T
    const methods = new Map<PropertyKey, unknown>()
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        if (top && key === VIEWED) return storeIdentity(target as unknown as Store)
        const value: unknown = Reflect.get(t, key, receiver)
        if (typeof value !== 'function') return top && typeof value === 'object' && value !== null ? wrap(value, false) : value
        let method = methods.get(key)
        if (method === undefined) {
          method = methodOf(t, key, value as (...args: unknown[]) => unknown, top)
          methods.set(key, method)
        }
        return method
      },
    })
    wrapped.set(target, proxy)
    return proxy
  }
  function methodOf(t: object, key: PropertyKey, fn: (...args: unknown[]) => unknown, top: boolean): unknown {
    if (top && key === 'commit') return () => Promise.reject(new Error('the message path saves once, at its boundary: use cases must not commit'))
    if (!CHANGES.has(String(key))) return fn.bind(t)
    return (...args: unknown[]) => {
      changed = true
      return fn.apply(t, args)
    }
  }
  return { store: wrap(store, true), changed: () => changed }
}
