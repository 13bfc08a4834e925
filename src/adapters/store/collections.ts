/**
 * One descriptor per stored collection: its record schema (zod), its key, how it is spread over
 * parts, which string fields a part stores once in a dictionary, and whether the classification
 * reads it. The loader, the part writer, the journal and the change log all derive from these, and
 * the row codec is derived from the schema's own keys (codec.ts): adding a field to a record is an
 * edit of its domain type and its schema here, nothing else.
 */
import type { z } from 'zod'
import { recordSchemas, type DbData } from './schema.js'

/** Collections kept in parts of their own; everything else stays in the main file. */
export const PART_COLLECTIONS = ['orders', 'customers', 'payments', 'refunds', 'segments', 'outbox', 'transitions', 'handled'] as const
export type PartCollection = typeof PART_COLLECTIONS[number]

/** Collections kept in the main file. */
export const MAIN_KEYS = ['counters', 'agents', 'products', 'pending', 'admins', 'snapshots', 'settings', 'jobRuns', 'invites'] as const
export type MainKey = typeof MAIN_KEYS[number]

export type RecordOf<C extends PartCollection> = DbData[C][number]

/**
 * How records are spread over parts. `chunk`: by a number (the order number, else the number the
 * key ends with, else a hash of the key into `x0`…`x7`), `size` records per part. `period`: by a
 * string taken from the record (a day, a month); such a part is never rewritten once its period is over.
 */
export type PartLayout =
  | { kind: 'chunk', size: number, number?: (record: never) => number }
  | { kind: 'period', of: (record: never) => string }

export interface CollectionDescriptor<C extends PartCollection = PartCollection> {
  name: C
  /** Every record is this shape; the codec's fields are this schema's keys. */
  schema: z.ZodObject
  /** Records are replaced by this key; null: records are only ever appended. */
  key: ((record: RecordOf<C>) => string) | null
  layout: PartLayout
  /** String fields a part stores once per distinct value (`lines.name` for a field of a nested list). */
  dict: readonly string[]
  /** A change bumps the store's revision, which the classification's caches are keyed by. */
  classificationInput: boolean
}

const byId = (r: { id: string }): string => r.id
const PER_PART = 20_000

/** Every part collection, described once. */
export const COLLECTIONS: { readonly [C in PartCollection]: CollectionDescriptor<C> } = {
  orders: {
    name: 'orders',
    schema: recordSchemas.orders,
    key: byId,
    layout: { kind: 'chunk', size: PER_PART, number: (r: RecordOf<'orders'>) => r.no },
    dict: ['recordedBy', 'agentId', 'customerId', 'placedOn', 'payment', 'status', 'lines.name', 'lines.unit'],
    classificationInput: true,
  },
  customers: {
    name: 'customers',
    schema: recordSchemas.customers,
    key: byId,
    layout: { kind: 'chunk', size: PER_PART },
    dict: ['agentId', 'source', 'createdAt'],
    classificationInput: true,
  },
  payments: { name: 'payments', schema: recordSchemas.payments, key: byId, layout: { kind: 'chunk', size: PER_PART }, dict: ['customerId', 'agentId', 'receivedOn'], classificationInput: true },
  refunds: { name: 'refunds', schema: recordSchemas.refunds, key: byId, layout: { kind: 'chunk', size: PER_PART }, dict: ['customerId', 'agentId', 'refundedOn'], classificationInput: true },
  segments: {
    name: 'segments',
    schema: recordSchemas.segments,
    key: r => r.customerId,
    layout: { kind: 'chunk', size: PER_PART },
    dict: ['group', 'tier', 'credit', 'since', 'asOf'],
    // The classification's own output.
    classificationInput: false,
  },
  outbox: { name: 'outbox', schema: recordSchemas.outbox, key: byId, layout: { kind: 'chunk', size: PER_PART }, dict: ['kind', 'status'], classificationInput: false },
  transitions: { name: 'transitions', schema: recordSchemas.transitions, key: null, layout: { kind: 'period', of: (r: RecordOf<'transitions'>) => r.on.slice(0, 7) }, dict: ['on', 'from', 'to'], classificationInput: false },
  handled: { name: 'handled', schema: recordSchemas.handled, key: null, layout: { kind: 'period', of: (r: RecordOf<'handled'>) => r.at.slice(0, 10) }, dict: [], classificationInput: false },
}

/** Main-file keys the classification reads: changing one bumps the revision. */
export const MAIN_CLASSIFICATION_INPUTS: ReadonlySet<MainKey> = new Set<MainKey>(['settings', 'agents', 'products'])

export function describe<C extends PartCollection>(collection: C): CollectionDescriptor<C> {
  return COLLECTIONS[collection] as CollectionDescriptor<C>
}
