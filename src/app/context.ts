/** What every use case gets: the ports, the configuration, and the message being handled. */
import type { ChatPort, Clock, ContactDirectory, Store } from '../domain/ports.js'
import type { Agent, IncomingMessage, Role } from '../domain/types.js'
import type { Config } from './config.js'
import type { Logger } from '../domain/logger.js'

export interface AppDeps {
  store: Store
  chat: ChatPort
  contacts: ContactDirectory
  clock: Clock
  config: Config
  logger: Logger
  /** Product names and aliases from the optional catalogue, to help the parser. */
  products?: readonly string[]
}

export interface MessageContext {
  deps: AppDeps
  msg: IncomingMessage
  role: Exclude<Role, 'unknown'>
  /** The sender's agent record, when the sender is an agent (an admin may be one too). */
  agent: Agent | undefined
  /** The merchant's local date of the message. */
  today: string
  now: Date
  /** Is the message in a room (replies there are read by others: phone numbers masked). */
  inRoom: boolean
}

/** A handler's answer: text to send back, or nothing (stay silent). */
export type Reply = string | null

/** Key under which an incomplete order waits for 确认: one per sender per conversation. */
export function pendingKey(msg: IncomingMessage): string {
  return `${msg.senderId}@${msg.roomId ?? 'dm'}`
}
