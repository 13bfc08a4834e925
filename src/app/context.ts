/** What every use case gets: the ports, the configuration, and the message being handled. */
import type { ChartRenderer } from '../domain/charts/specs.js'
import type { AddressReader, ChatPort, Clock, ContactDirectory, OutFile, Store } from '../domain/ports.js'
import type { Agent, IncomingMessage, Role } from '../domain/types.js'
import type { Config } from './config.js'
import type { JobRunner } from './jobs/runner.js'
import type { Logger } from '../domain/logger.js'
import type { CurrentClassification } from './segments/current.js'
import type { CustomerView } from './visibility.js'

export interface AppDeps {
  store: Store
  chat: ChatPort
  contacts: ContactDirectory
  clock: Clock
  config: Config
  logger: Logger
  /** Reads the region out of an address; without it, addresses are kept as written only. */
  addresses?: AddressReader
  /** Draws chart images; without it, chart commands answer in text only. */
  charts?: ChartRenderer
  /** Turns rows into CSV text (UTF-8 with BOM) for exports. */
  csv?: (rows: string[][]) => string
  /** The scheduled jobs, for 任务; without it, 任务 says jobs are not enabled. */
  jobs?: JobRunner
}

export interface MessageContext {
  deps: AppDeps
  /** The merchant's customers classified as of today (computed on first use, cached). */
  classified(): CurrentClassification
  /** The message, its text normalised (full-width to half-width, trimmed). */
  msg: IncomingMessage
  /** The text exactly as sent, for values that must match WeChat to the letter (group names). */
  rawText: string
  role: Role
  /** The sender's agent record, when the sender is an agent (an admin may be one too). */
  agent: Agent | undefined
  /** The customers the sender may see: decided once per message, before any use case runs. */
  visible: CustomerView
  /** The merchant's local date of the message. */
  today: string
  now: Date
  /** Is the message in a room (replies there are read by others: phone numbers masked). */
  inRoom: boolean
}

/** A handler's answer: text to send back, text with files (charts, exports), or nothing (stay silent). */
export type Reply = string | null | { text: string | null, files: OutFile[], private?: boolean }

/** Key under which an incomplete order waits for 确认: one per sender per conversation. */
export function pendingKey(msg: IncomingMessage): string {
  return `${msg.senderId}@${msg.roomId ?? 'dm'}`
}
