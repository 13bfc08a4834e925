/** Who is speaking: resolved once per message, before any command runs. */
import type { Store } from '../../domain/ports.js'
import type { Agent, IncomingMessage, Role } from '../../domain/types.js'
import type { Config } from '../config.js'

export interface Speaker {
  role: Role
  agent: Agent | undefined
}

/** Admins: the account owner, contacts bound with the code, and config entries (contact id, name or remark). */
export function resolveSpeaker(msg: IncomingMessage, config: Config, store: Store): Speaker {
  const agent = store.agents.byContact(msg.senderId)
  const activeAgent = agent?.active ? agent : undefined
  const isAdmin = msg.fromSelf
    || store.admins.all().some(a => a.contactId === msg.senderId)
    || config.admins.some(a => a === msg.senderId || a === msg.senderName || (msg.senderAlias !== null && a === msg.senderAlias))
  if (isAdmin) return { role: 'admin', agent: activeAgent }
  if (activeAgent) return { role: 'agent', agent: activeAgent }
  return { role: 'unknown', agent: undefined }
}
