/**
 * The store as the message path's use cases see it: they change state, and only the boundary saves —
 * a use case calling `commit()` is a bug. Whether a use case changed anything the boundary reads from
 * the store's own change count (`Store.changeCount`), so the view needs to note nothing itself: it is
 * made once per router, not once per message.
 */
import type { Store } from '../../domain/ports.js'
import { storeView } from '../store-identity.js'

function refuseCommit(): Promise<void> {
  return Promise.reject(new Error('the message path saves once, at its boundary: use cases must not commit'))
}

/** The store with `commit()` refused; everything else is the store's own. */
export function useCaseStore(store: Store): Store {
  return storeView(store, { commit: refuseCommit })
}
