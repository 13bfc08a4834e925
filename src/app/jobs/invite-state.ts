/** Keeps VIP room invitation records in step with the send queue and the room's membership (DESIGN.md §7). */
import { afterMembership, type InviteRecord } from '../../domain/outreach/invite.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Store } from '../../domain/ports.js'

/** The record an invite entry belongs to, if any. */
function recordOf(store: Store, entry: OutboxEntry): InviteRecord | undefined {
  if (entry.kind !== 'invite' || !entry.customerId || !entry.to.roomId) return undefined
  return store.invites.get(entry.customerId, entry.to.roomId)
}

/** After the send queue added or invited someone: planned → invited. The caller commits. */
export function inviteSent(store: Store, entry: OutboxEntry, at: Date): void {
  const r = recordOf(store, entry)
  if (r?.status === 'planned') store.invites.put({ ...r, status: 'invited', updatedAt: at.toISOString() })
}

/** After the send queue gave up: planned → failed. The caller commits. */
export function inviteFailed(store: Store, entry: OutboxEntry, at: Date): void {
  const r = recordOf(store, entry)
  if (r?.status === 'planned') store.invites.put({ ...r, status: 'failed', updatedAt: at.toISOString() })
}

/** Contacts joined or left a room (room-join / room-leave): invited → joined; anyone → left, for good. Returns how many records changed; the caller commits. */
export function roomMembershipChanged(store: Store, roomId: string, contactIds: readonly string[], event: 'join' | 'leave', at: Date): number {
  const ids = new Set(contactIds)
  let changed = 0
  for (const r of store.invites.all()) {
    if (r.roomId !== roomId || !ids.has(r.contactId)) continue
    const next = afterMembership(r, event, at.toISOString())
    if (next !== r) {
      store.invites.put(next)
      changed++
    }
  }
  if (event === 'leave') {
    // Someone who leaves before they were ever invited (joined on their own, or before becoming loyal)
    // must not be invited later either: remember them as `left` too.
    for (const c of store.customers.all()) {
      if (c.contactId === null || !ids.has(c.contactId) || store.invites.get(c.id, roomId)) continue
      store.invites.put({ customerId: c.id, roomId, contactId: c.contactId, status: 'left', updatedAt: at.toISOString() })
      changed++
    }
  }
  return changed
}
