/** Stored records and the messages that flow through the bot. Money is integer fen; dates are ISO strings. */
import type { CustomerKind } from './customer/kind.js'
import type { ProspectInfo } from './customer/prospect.js'
import type { LineDraft, OrderDraft, PaymentState } from './order/draft.js'

/** Who is speaking: staff, a customer linked to their contact, or a stranger (anyone else). */
export type Role = 'admin' | 'agent' | 'customer' | 'stranger'

/** The roles that run commands: staff of the merchant. */
export type StaffRole = 'admin' | 'agent'

export interface Agent {
  id: string
  name: string
  /** WeChat contact id of the agent, when known. */
  contactId: string | null
  addedAt: string
  active: boolean
}

export interface Customer {
  id: string
  /** Agent who owns this customer; null for customers of the merchant directly (admin orders, imports). */
  agentId: string | null
  name: string
  aliases: string[]
  phone: string | null
  address: string | null
  /** Id from an imported file, when the customer came from one. */
  externalId: string | null
  /** WeChat contact of the bot account linked to this customer. */
  contactId: string | null
  tags: string[]
  source: string | null
  createdAt: string
  optedOut: boolean
  notes: string | null
  /** When the customer last wrote to the bot from their linked contact (ISO instant). */
  lastInteractionAt?: string
  /** Province, city and district read from the address, when one was written. */
  region?: Region
  /** 个人 or 企业 as set by an agent or admin; absent: suggested by the name (domain/customer/kind.ts). */
  kind?: CustomerKind
  /** The customer who brought this one (介绍人), by id. */
  referredBy?: string
  /** How they came and what they asked, for someone first recorded as a prospect (意向), kept after they order. */
  prospect?: ProspectInfo
}

/** Where a customer is: 广东省 / 深圳市 / 福田区 (each null when the address does not say). */
export interface Region {
  province: string | null
  city: string | null
  district: string | null
}

export type OrderStatus = 'active' | 'cancelled' | 'refunded'

/** A stored order line: what the parser drafted, plus what the catalogue said when it was recorded. */
export interface OrderLine extends LineDraft {
  /** Unit cost from the catalogue when the order was recorded (null: unknown; absent in older records). */
  costFen?: number | null
  /**
   * The line's part of the order amount: its own amount, or the order total split over the lines in
   * proportion to catalogue prices (null when neither is known; absent in older records).
   */
  shareFen?: number | null
}

/** A product the merchant sells: learned from orders, completed by admins (商品) or a CSV. */
export interface Product {
  id: string
  name: string
  /** Other spellings that mean this product (别名, and products merged into it). */
  aliases: string[]
  unit: string | null
  /** Sale price per unit set by an admin or the CSV. */
  priceFen: number | null
  /** Unit prices seen in the latest orders (at most 9), for the usual price. */
  seenPricesFen: number[]
  /** Cost per unit; null until an admin or the CSV gives it. */
  costFen: number | null
  /** Order lines recorded for it. */
  lines: number
  createdAt: string
  updatedAt: string
}

export interface Order {
  id: string
  /** Short number shown to agents (`#12`). */
  no: number
  /** Chat message id, or `import:<file>:<line>`: an order is recorded once per source. */
  sourceMessageId: string
  /** Contact id of whoever reported it (撤销 and 改 act on the sender's own last order). */
  recordedBy: string
  agentId: string | null
  customerId: string
  /** Local date the order was placed (written in the message, else the message time), YYYY-MM-DD. */
  placedOn: string
  recordedAt: string
  lines: OrderLine[]
  /** Null when the agent confirmed an order without an amount; fixed later with 改. */
  amountFen: number | null
  costFen: number | null
  payment: PaymentState | null
  paidFen: number
  dueOn: string | null
  status: OrderStatus
  refundedFen: number
  note: string | null
}

export interface Payment {
  id: string
  sourceMessageId: string
  customerId: string
  agentId: string | null
  amountFen: number
  receivedOn: string
  recordedAt: string
  /** Orders this payment settled, oldest first, with the part applied to each. */
  applied: { orderId: string, amountFen: number }[]
}

export interface Refund {
  id: string
  sourceMessageId: string
  customerId: string
  agentId: string | null
  orderId: string | null
  amountFen: number
  refundedOn: string
  recordedAt: string
}

/** An order message that needs 确认 before it is recorded. */
export interface PendingDraft {
  /** Who may confirm it: sender id plus conversation id. */
  key: string
  senderId: string
  agentId: string | null
  sourceMessageId: string
  placedOn: string
  createdAt: string
  drafts: PendingOrder[]
}

/** An order draft kept for 确认: what the parser understood, without its questions. */
export type PendingOrder = Omit<OrderDraft, 'issues'>

export interface BoundAdmin {
  contactId: string
  name: string
  boundAt: string
}

/** One chat message as the bot sees it, whatever the transport. */
export interface IncomingMessage {
  id: string
  text: string
  senderId: string
  senderName: string
  /** The merchant's remark for the sender, if any. */
  senderAlias: string | null
  roomId: string | null
  roomTopic: string | null
  /** Contact ids mentioned in the message (room messages), the bot itself excluded. */
  mentionIds: string[]
  /** Sent from the bot's own account (the merchant typing on the phone), not an echo of a bot reply. */
  fromSelf: boolean
  /** Delivered late (backlog after login): record it, but never reply. */
  stale: boolean
  /** When the message was sent. */
  sentAt: string
}

export type GroupName = 'loyal' | 'fast_growing' | 'dormant' | 'nurture'
export type Grade = 'A' | 'B' | 'C' | 'D'

/** A customer's classification as of the last reclassify run. */
export interface Segment {
  customerId: string
  group: GroupName
  tier: Grade
  credit: Grade
  atRisk: boolean
  pAlive: number | null
  expected90: number | null
  /** Date the customer entered this group. */
  since: string
  asOf: string
  reasons: string[]
}

/** A customer moving between groups on a reclassify run (e.g. became 睡眠型 today). */
export interface Transition {
  on: string
  customerId: string
  from: GroupName | null
  to: GroupName
}

/** What one reclassify run found, merchant-wide (for 概览 and "changes since yesterday"). */
export interface SnapshotMeta {
  asOf: string
  ranAt: string
  method: string
  customers: number
  groups: Record<GroupName, number>
  tiers: Record<Grade, number>
}
