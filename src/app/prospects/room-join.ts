/**
 * People who join a customer group (config `customerGroups`) or the VIP room become prospects of the
 * merchant (unassigned, source 群) — unless they are staff or already a customer. The bot account itself
 * is never one.
 */
import type { Store } from '../../domain/ports.js'
import type { Config } from '../config.js'
import { newCustomer } from '../ledger/record-order.js'

/** Records the prospects a room join brings; returns how many (the caller commits). */
export function prospectsFromRoomJoin(store: Store, config: Config, room: { topic: string }, members: readonly { id: string, name: string }[], at: Date): number {
  const vip = store.settings.get('vipRoom')
  if (!config.customerGroups.includes(room.topic) && room.topic !== vip) return 0
  let added = 0
  for (const m of members) {
    if (store.agents.byContact(m.id) || store.admins.byContact(m.id) || store.customers.byContact(m.id)) continue
    const name = m.name.trim() === '' ? '群成员' : m.name.trim().slice(0, 20)
    const iso = at.toISOString()
    store.customers.add({
      ...newCustomer(store, { name, phone: null, address: null, agentId: null, source: '群' }, iso),
      contactId: m.id,
      prospect: { source: '群', firstContactAt: iso, inquiries: [{ at: iso, text: `加入了群「${room.topic}」` }], followUps: [] },
    })
    added++
  }
  return added
}
