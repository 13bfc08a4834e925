/** Who is speaking: resolved once per message, before any command runs, without changing anything. */
import type { ContactDirectory, Store } from '../../domain/ports.js'
import type { Agent, Customer, IncomingMessage, Role } from '../../domain/types.js'
import type { Config } from '../config.js'

export interface Speaker {
  role: Role
  agent: Agent | undefined
  /** The customer linked to the sender's contact (role `customer`, direct messages only). */
  customer?: Customer
}

/**
 * Admins: the account owner, bound contacts (start-up code, or a configured name verified once), and
 * config entries matching the contact id or the merchant's remark. A bare nickname never counts here:
 * anyone can take any nickname, so names are verified against the contact list first (`adminByName`).
 */
export function resolveSpeaker(msg: IncomingMessage, config: Config, store: Store): Speaker {
  const agent = store.agents.byContact(msg.senderId)
  const activeAgent = agent?.active ? agent : undefined
  const isAdmin = msg.fromSelf
    || store.admins.byContact(msg.senderId) !== undefined
    || config.admins.some(a => a === msg.senderId || (msg.senderAlias !== null && a === msg.senderAlias))
  if (isAdmin) return { role: 'admin', agent: activeAgent }
  if (activeAgent) return { role: 'agent', agent: activeAgent }
  const customer = msg.roomId === null ? store.customers.byContact(msg.senderId) : undefined
  if (customer) return { role: 'customer', agent: undefined, customer }
  return { role: 'stranger', agent: undefined }
}

/**
 * True when the sender's nickname is a configured admin name that only this contact carries, and no
 * contact has been verified under that name before: a name is bound to one contact, once.
 */
export async function adminByName(msg: IncomingMessage, config: Config, store: Store, contacts: ContactDirectory): Promise<boolean> {
  if (!config.admins.includes(msg.senderName)) return false
  if (store.admins.all().some(a => a.name === msg.senderName)) return false
  const carriers = await contacts.find(msg.senderName)
  return carriers.length === 1 && carriers[0]!.id === msg.senderId
}
