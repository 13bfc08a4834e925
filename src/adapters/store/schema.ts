/** The database file's shape, checked with zod on every load. */
import { PROSPECT_SOURCES } from '../../domain/customer/prospect.js'
import { z } from 'zod'
import { inviteSchema, outboxSchema } from './outbox-schema.js'

/** 6 moved the large collections into parts beside the main file (see layout.ts); 7 wrote parts as MessagePack columns. */
export const SCHEMA_VERSION = 7
/** The last version whose parts are JSON rows; they are moved to the current format on open. */
export const JSON_PARTS_VERSION = 6
/** The last version kept in one file; older files are migrated to parts on open. */
export const SINGLE_FILE_VERSION = 5

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
const isoTime = z.string().refine(s => !Number.isNaN(Date.parse(s)), 'must be an ISO timestamp')
const fen = z.number().int().min(0)
const payment = z.enum(['paid', 'unpaid', 'deposit', 'cod'])

const lineSchema = z.strictObject({
  name: z.string(),
  qty: z.number().positive().nullable(),
  unit: z.string().nullable(),
  unitPriceFen: fen.nullable(),
  amountFen: fen.nullable(),
  spec: z.string().nullable(),
  costFen: fen.nullable().optional(),
  shareFen: fen.nullable().optional(),
})

const productSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  unit: z.string().nullable(),
  priceFen: fen.nullable(),
  seenPricesFen: z.array(fen),
  costFen: fen.nullable(),
  lines: z.number().int().min(0),
  createdAt: isoTime,
  updatedAt: isoTime,
})

const agentSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  contactId: z.string().nullable(),
  addedAt: isoTime,
  active: z.boolean(),
})

const customerSchema = z.strictObject({
  id: z.string().min(1),
  agentId: z.string().nullable(),
  name: z.string(),
  aliases: z.array(z.string()),
  phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mobile number').nullable(),
  address: z.string().nullable(),
  externalId: z.string().nullable(),
  contactId: z.string().nullable(),
  tags: z.array(z.string()),
  source: z.string().nullable(),
  createdAt: isoTime,
  optedOut: z.boolean(),
  notes: z.string().nullable(),
  lastInteractionAt: isoTime.optional(),
  region: z.strictObject({ province: z.string().nullable(), city: z.string().nullable(), district: z.string().nullable() }).optional(),
  kind: z.enum(['person', 'business']).optional(),
  referredBy: z.string().min(1).optional(),
  prospect: z.strictObject({
    source: z.enum(PROSPECT_SOURCES),
    firstContactAt: isoTime,
    inquiries: z.array(z.strictObject({ at: isoTime, text: z.string() })),
    followUps: z.array(z.strictObject({ at: isoTime, by: z.string(), note: z.string() })),
    convertedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }).optional(),
})

const orderSchema = z.strictObject({
  id: z.string().min(1),
  no: z.number().int().positive(),
  sourceMessageId: z.string().min(1),
  recordedBy: z.string(),
  agentId: z.string().nullable(),
  customerId: z.string().min(1),
  placedOn: isoDate,
  recordedAt: isoTime,
  lines: z.array(lineSchema),
  amountFen: fen.nullable(),
  costFen: fen.nullable(),
  payment: payment.nullable(),
  paidFen: fen,
  dueOn: isoDate.nullable(),
  status: z.enum(['active', 'cancelled', 'refunded']),
  refundedFen: fen,
  note: z.string().nullable(),
})

const paymentSchema = z.strictObject({
  id: z.string().min(1),
  sourceMessageId: z.string().min(1),
  customerId: z.string().min(1),
  agentId: z.string().nullable(),
  amountFen: fen,
  receivedOn: isoDate,
  recordedAt: isoTime,
  applied: z.array(z.strictObject({ orderId: z.string(), amountFen: fen })),
})

const refundSchema = z.strictObject({
  id: z.string().min(1),
  sourceMessageId: z.string().min(1),
  customerId: z.string().min(1),
  agentId: z.string().nullable(),
  orderId: z.string().nullable(),
  amountFen: fen,
  refundedOn: isoDate,
  recordedAt: isoTime,
})

const pendingOrderSchema = z.strictObject({
  customer: z.strictObject({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  lines: z.array(lineSchema),
  amountFen: fen.nullable(),
  payment: payment.nullable(),
  paidFen: fen.nullable(),
  date: isoDate.nullable(),
  note: z.string().nullable(),
  referrer: z.string().nullable().optional(),
  key: z.string().optional(),
})

const pendingSchema = z.strictObject({
  key: z.string().min(1),
  senderId: z.string(),
  agentId: z.string().nullable(),
  sourceMessageId: z.string(),
  placedOn: isoDate,
  createdAt: isoTime,
  drafts: z.array(pendingOrderSchema),
})

const group = z.enum(['loyal', 'fast_growing', 'dormant', 'nurture'])
const grade = z.enum(['A', 'B', 'C', 'D'])

const segmentSchema = z.strictObject({
  customerId: z.string().min(1),
  group,
  tier: grade,
  credit: grade,
  atRisk: z.boolean(),
  pAlive: z.number().min(0).max(1).nullable(),
  expected90: z.number().min(0).nullable(),
  since: isoDate,
  asOf: isoDate,
  reasons: z.array(z.string()),
})

const transitionSchema = z.strictObject({ on: isoDate, customerId: z.string().min(1), from: group.nullable(), to: group })

const snapshotSchema = z.strictObject({
  asOf: isoDate,
  ranAt: isoTime,
  method: z.string(),
  customers: z.number().int().min(0),
  groups: z.record(group, z.number().int().min(0)),
  tiers: z.record(grade, z.number().int().min(0)),
})

const adminSchema = z.strictObject({ contactId: z.string(), name: z.string(), boundAt: isoTime })
const handledSchema = z.strictObject({ id: z.string(), at: isoTime })

/** The whole database as one object: the single-file layout up to version 5, and the state in memory. */
export const dbSchema = z.strictObject({
  schemaVersion: z.union([z.literal(SINGLE_FILE_VERSION), z.literal(JSON_PARTS_VERSION), z.literal(SCHEMA_VERSION)]),
  counters: z.record(z.string(), z.number().int().min(0)),
  agents: z.array(agentSchema),
  /** The product catalogue (absent in files written before it existed). */
  products: z.array(productSchema).default([]),
  customers: z.array(customerSchema),
  orders: z.array(orderSchema),
  payments: z.array(paymentSchema),
  refunds: z.array(refundSchema),
  pending: z.array(pendingSchema),
  admins: z.array(adminSchema),
  handled: z.array(handledSchema),
  segments: z.array(segmentSchema),
  transitions: z.array(transitionSchema),
  snapshots: z.array(snapshotSchema),
  settings: z.record(z.string(), z.string()),
  /** Every outbound message the bot decided to send, unique by dedupe key. */
  outbox: z.array(outboxSchema).refine(list => new Set(list.map(e => e.dedupeKey)).size === list.length, 'dedupeKey must be unique'),
  /** When each scheduled job last ran, by job name (for catch-up after downtime). */
  jobRuns: z.record(z.string(), isoTime),
  /** VIP room invitations, one per customer and room. */
  invites: z.array(inviteSchema),
})

export type DbData = z.infer<typeof dbSchema>

/** The shape of one record of each collection kept in parts, for checking parts and journal lines. */
export const recordSchemas = {
  orders: orderSchema,
  customers: customerSchema,
  payments: paymentSchema,
  refunds: refundSchema,
  segments: segmentSchema,
  outbox: outboxSchema,
  transitions: transitionSchema,
  handled: handledSchema,
} as const

/** The shape of one record (one value, for a keyed map) of each collection kept in the main file. */
export const mainRecordSchemas = {
  counters: z.number().int().min(0),
  agents: agentSchema,
  products: productSchema,
  pending: pendingSchema,
  admins: adminSchema,
  snapshots: snapshotSchema,
  settings: z.string(),
  jobRuns: isoTime,
  invites: inviteSchema,
} as const

/** The main file: the small collections, plus where each part stands. */
export const mainFileSchema = z.strictObject({
  schemaVersion: z.union([z.literal(JSON_PARTS_VERSION), z.literal(SCHEMA_VERSION)]),
  /** Journal sequence number the main file's own content includes. */
  seq: z.number().int().min(0),
  counters: z.record(z.string(), z.number().int().min(0)),
  agents: z.array(agentSchema),
  products: z.array(productSchema).default([]),
  pending: z.array(pendingSchema),
  admins: z.array(adminSchema),
  snapshots: z.array(snapshotSchema),
  settings: z.record(z.string(), z.string()),
  jobRuns: z.record(z.string(), isoTime),
  invites: z.array(inviteSchema),
  /** Each part as last written: its sequence number, record count and SHA-256 of its text. */
  parts: z.record(z.string(), z.strictObject({ seq: z.number().int().min(0), count: z.number().int().min(0), sha256: z.string() })),
})
export type MainFile = z.infer<typeof mainFileSchema>

export function emptyDb(): DbData {
  return {
    schemaVersion: SCHEMA_VERSION, counters: {}, agents: [], products: [], customers: [], orders: [], payments: [], refunds: [], pending: [],
    admins: [], handled: [], segments: [], transitions: [], snapshots: [], settings: {}, outbox: [], jobRuns: {}, invites: [],
  }
}
