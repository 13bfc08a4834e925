/** The interfaces the app talks to the outside through; adapters implement them. */
import type { InviteRecord } from './outreach/invite.js'
import type { OutboxEntry } from './outreach/outbox.js'
import type { Agent, BoundAdmin, Customer, IncomingMessage, Order, Payment, PendingDraft, Product, Refund, Region, Segment, SnapshotMeta, Transition } from './types.js'

export interface AgentRepo {
  all(): readonly Agent[]
  byId(id: string): Agent | undefined
  byContact(contactId: string): Agent | undefined
  byName(name: string): Agent | undefined
  add(agent: Agent): void
  update(agent: Agent): void
}

/** The product catalogue; names and aliases are compared after trimming and NFKC. */
export interface ProductRepo {
  all(): readonly Product[]
  byId(id: string): Product | undefined
  /** The product with this name or alias. */
  byName(name: string): Product | undefined
  add(product: Product): void
  update(product: Product): void
  remove(id: string): void
}

export interface CustomerRepo {
  all(): readonly Customer[]
  byId(id: string): Customer | undefined
  byPhone(phone: string): Customer | undefined
  byExternalId(externalId: string): Customer | undefined
  /** Customers whose name or one of whose aliases equals `name`, within one agent (null: the merchant's own). */
  byName(agentId: string | null, name: string): Customer[]
  /** Customers of any agent whose name or one of whose aliases equals `name`, in the order they were added. */
  named(name: string): Customer[]
  /** The customer linked to this WeChat contact. */
  byContact(contactId: string): Customer | undefined
  /** The customers of one agent (null: the merchant's own), in the order they were added. */
  ofAgent(agentId: string | null): Customer[]
  add(customer: Customer): void
  update(customer: Customer): void
}

export interface OrderRepo {
  all(): readonly Order[]
  byId(id: string): Order | undefined
  byNo(no: number): Order | undefined
  bySource(sourceMessageId: string): Order[]
  ofCustomer(customerId: string): Order[]
  /** The newest active order recorded by this sender. */
  lastRecordedBy(senderId: string): Order | undefined
  /** The orders placed on a day (YYYY-MM-DD), in the order recorded. */
  placedOn(day: string): Order[]
  add(order: Order): void
  update(order: Order): void
}

export interface PaymentRepo {
  all(): readonly Payment[]
  ofCustomer(customerId: string): Payment[]
  add(payment: Payment): void
}

export interface RefundRepo {
  all(): readonly Refund[]
  add(refund: Refund): void
}

export interface PendingRepo {
  get(key: string): PendingDraft | undefined
  put(draft: PendingDraft): void
  remove(key: string): void
}

export interface OutboxRepo {
  /** In the order planned. */
  all(): readonly OutboxEntry[]
  get(id: string): OutboxEntry | undefined
  byKey(dedupeKey: string): OutboxEntry | undefined
  /** The entries in one state (planned: waiting to be sent; sending: cut by a stop), in the order planned. */
  withStatus(status: OutboxEntry['status']): OutboxEntry[]
  /** Every entry about one customer, in the order planned. */
  ofCustomer(customerId: string): OutboxEntry[]
  /** Adds the entry unless one with the same dedupe key exists (then changes nothing); true when added. */
  add(entry: OutboxEntry): boolean
  update(entry: OutboxEntry): void
}

/**
 * Everything the bot stores. The queries are the ones the app asks, so an engine answers each the way
 * it answers best. Reads are synchronous: every engine holds the merchant's records in the process
 * (loaded at start, every change written through), so only `commit()` and `close()` wait for storage.
 * Changes apply in memory at once; `commit()` resolves when every change
 * made before the call is durable (one write may carry many commits), and rejects when that write
 * failed — the store has then gone back to the last durable state.
 */
export interface Store {
  agents: AgentRepo
  products: ProductRepo
  customers: CustomerRepo
  orders: OrderRepo
  payments: PaymentRepo
  refunds: RefundRepo
  pending: PendingRepo
  admins: {
    all(): readonly BoundAdmin[]
    byContact(contactId: string): BoundAdmin | undefined
    add(admin: BoundAdmin): void
    remove(contactId: string): void
  }
  /** Each customer's classification from the last reclassify run. */
  segments: { all(): readonly Segment[], get(customerId: string): Segment | undefined, put(segment: Segment): void }
  transitions: { add(t: Transition): void, on(date: string): Transition[] }
  /** One entry per reclassify run, newest last. */
  snapshots: { all(): readonly SnapshotMeta[], latest(): SnapshotMeta | undefined, add(s: SnapshotMeta): void, keepLast(n: number): void }
  /** Message ids whose effects are stored, so a second delivery changes nothing. */
  handled: { has(messageId: string): boolean, add(messageId: string, at: string): void }
  /**
   * Grows with every change to agents, products, customers, orders, payments, refunds and settings (what the
   * classification reads): lets derived results be cached safely. Outbox, invitations, job runs,
   * drafts, remembered message ids and the classification's own output leave it as it is.
   */
  revision(): number
  /**
   * Grows with every change to anything stored (unlike `revision`, outbox, drafts and message ids too):
   * the same count before and after a piece of work means it changed nothing.
   */
  changeCount(): number
  /** Merchant settings changed from chat (设置), by key. */
  settings: { get(key: string): string | undefined, set(key: string, value: string): void, all(): Readonly<Record<string, string>> }
  /** Every outbound message the bot decided to send, unique by dedupe key. */
  outbox: OutboxRepo
  /** When each scheduled job last ran (ISO instant), by job name. */
  jobRuns: { get(job: string): string | undefined, set(job: string, at: string): void, all(): Readonly<Record<string, string>> }
  /** VIP room invitations, one record per customer and room. */
  invites: {
    all(): readonly InviteRecord[]
    ofRoom(roomId: string): InviteRecord[]
    get(customerId: string, roomId: string): InviteRecord | undefined
    put(record: InviteRecord): void
  }
  /** Next value of a named counter (ids and order numbers), starting at 1. */
  nextSeq(name: string): number
  /**
   * Whether every stored order is in memory. An engine may open with the orders recorded lately and
   * read older ones afterwards; meanwhile new orders are recorded, `orders.bySource` answers for every
   * order of the last 7 days, and a read that needs an order not yet read throws `OrdersLoading`.
   */
  loaded(): boolean
  /** Resolves once `loaded()`; rejects when the older orders cannot be read (the store is then unusable). */
  whenLoaded(): Promise<void>
  commit(): Promise<void>
  close(): Promise<void>
}

/** A file the bot sends: a chart image or an export; the name's extension tells WeChat what it is. */
export interface OutFile {
  name: string
  bytes: Uint8Array
}

/** Sending to WeChat (or the terminal, or a test double). */
export interface ChatPort {
  /** Answer a message where it was said (in a room, mentioning the sender). */
  reply(to: IncomingMessage, text: string): Promise<void>
  sendText(conversationId: string, text: string): Promise<void>
  /** Sends a file to a contact id or a room id. */
  sendFile(conversationId: string, file: OutFile): Promise<void>
  /** Adds a contact to a room, or invites them where WeChat allows only that; absent: rooms unsupported. */
  addToRoom?(roomId: string, contactId: string): Promise<void>
  /** The room with this topic (compared after NFKC) and its members; absent: rooms unsupported. */
  findRoom?(topic: string): Promise<RoomInfo | undefined>
  /** Every room the bot account is in (no members: cheap); absent: rooms unsupported. */
  listRooms?(): Promise<RoomRef[]>
}

/** A WeChat room the bot account is in, by id and topic. */
export interface RoomRef {
  id: string
  topic: string
}

/** A WeChat room the bot account is in, with its members. */
export interface RoomInfo extends RoomRef {
  memberIds: string[]
}

export interface ContactInfo {
  id: string
  name: string
  alias: string | null
}

/** Looks up WeChat contacts of the bot account. */
export interface ContactDirectory {
  byId(id: string): Promise<ContactInfo | undefined>
  /** Contacts whose name or remark equals `nameOrAlias`. */
  find(nameOrAlias: string): Promise<ContactInfo[]>
}

/** Reads province, city and district out of a Chinese postal address. */
export interface AddressReader {
  /** Null when no province, city or district can be found. */
  region(address: string): Region | null
}

export interface Clock {
  now(): Date
}

/** A job the scheduler runs at the times its cron expression names (in the merchant's timezone). */
export interface ScheduledJob {
  name: string
  /** Five fields: minute hour day-of-month month day-of-week, e.g. `0 2 * * *`. */
  cron: string
  run(): Promise<unknown>
}

/**
 * Runs jobs on their schedule, one run of a job at a time. A slot missed while the bot was down is
 * run once at start-up, never twice; each job's last run is kept in the store.
 */
export interface Scheduler {
  /** Arms every job and starts (in the background) the catch-up runs. */
  start(): Promise<void>
  /** Resolves when no run is in progress. */
  idle(): Promise<void>
  /** Disarms every job and waits for the runs in progress. */
  stop(): Promise<void>
}
export type { ChartRenderer, ChartSpec } from './charts/specs.js'

/** A read needed an order the store has not read from disk yet (see `Store.loaded`). */
export class OrdersLoading extends Error {
  override name = 'OrdersLoading'
  constructor(what: string) {
    super(`older orders are still being read (${what})`)
  }
}
