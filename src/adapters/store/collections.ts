/**
 * One descriptor per stored collection (descriptor.ts says what a descriptor holds): the part
 * collections here, the main-file ones in main-collections.ts. The loader, the part writer, the
 * journal, the change log and the in-memory indexes all derive from these, and a part's row codec is
 * derived from the schema's own keys (codec.ts): adding a field to a record is an edit of its domain
 * type and its schema, nothing else; adding an index is a line here.
 */
import type { CollectionDescriptor, CollectionName, MainKey, PartCollection } from './descriptor.js'
import { MAIN_COLLECTIONS } from './main-collections.js'
import { recordSchemas } from './schema.js'

export type { CollectionDescriptor, CollectionName, IndexSpec, MainKey, PartCollection, PartLayout, RecordOf } from './descriptor.js'

const byId = (r: { id: string }): string => r.id
const PER_PART = 20_000
const chunks = { kind: 'chunk', size: PER_PART } as const
const parts = 'parts' as const

/** Every part collection, described once. */
export const COLLECTIONS: { readonly [C in PartCollection]: CollectionDescriptor<C> } = {
  orders: {
    name: 'orders',
    storage: parts,
    kind: 'keyed',
    key: byId,
    schema: recordSchemas.orders,
    layout: { kind: 'chunk', size: PER_PART, number: (r: { no: number }) => r.no },
    dict: ['recordedBy', 'agentId', 'customerId', 'placedOn', 'payment', 'status', 'lines.name', 'lines.unit'],
    // Ids are `o<number>` in practice: one dense array by number serves the id and the number (a
    // million orders then cost one index, not two maps).
    dense: { field: 'no', prefix: 'o' },
    indexes: [
      { name: 'byNo', fields: ['no'], unique: true },
      { name: 'bySource', fields: ['sourceMessageId'], unique: false },
      { name: 'byCustomer', fields: ['customerId'], unique: false },
    ],
    classificationInput: true,
  },
  customers: {
    name: 'customers',
    storage: parts,
    kind: 'keyed',
    key: byId,
    schema: recordSchemas.customers,
    layout: chunks,
    dict: ['agentId', 'source', 'createdAt'],
    indexes: [
      { name: 'byPhone', fields: ['phone'], unique: true },
      { name: 'byExternalId', fields: ['externalId'], unique: true },
      { name: 'byContact', fields: ['contactId'], unique: true },
      { name: 'byAgent', fields: ['agentId'], unique: false, keys: c => [c.agentId ?? ''], large: true },
      // A name or an alias, whatever the agent (customers.named; customers.byName keeps one agent's).
      { name: 'byAnyName', fields: ['name', 'aliases'], unique: false, keys: c => c.aliases.length === 0 ? [c.name] : [...new Set([c.name, ...c.aliases])] },
    ],
    classificationInput: true,
  },
  payments: {
    name: 'payments',
    storage: parts,
    kind: 'keyed',
    key: byId,
    schema: recordSchemas.payments,
    layout: chunks,
    dict: ['customerId', 'agentId', 'receivedOn'],
    indexes: [{ name: 'byCustomer', fields: ['customerId'], unique: false }],
    classificationInput: true,
  },
  refunds: { name: 'refunds', storage: parts, kind: 'keyed', key: byId, schema: recordSchemas.refunds, layout: chunks, dict: ['customerId', 'agentId', 'refundedOn'], indexes: [], classificationInput: true },
  segments: {
    name: 'segments',
    storage: parts,
    kind: 'keyed',
    key: r => r.customerId,
    schema: recordSchemas.segments,
    layout: chunks,
    dict: ['group', 'tier', 'credit', 'since', 'asOf'],
    indexes: [],
    // The classification's own output.
    classificationInput: false,
  },
  outbox: {
    name: 'outbox',
    storage: parts,
    kind: 'keyed',
    key: byId,
    schema: recordSchemas.outbox,
    layout: chunks,
    dict: ['kind', 'status'],
    indexes: [
      { name: 'byKey', fields: ['dedupeKey'], unique: true },
      // Most entries end up sent: kept by id under their status, so a change of status is O(1).
      { name: 'byStatus', fields: ['status'], unique: false, large: true },
    ],
    classificationInput: false,
  },
  transitions: {
    name: 'transitions',
    storage: parts,
    kind: 'log',
    schema: recordSchemas.transitions,
    layout: { kind: 'period', of: (r: { on: string }) => r.on.slice(0, 7) },
    dict: ['on', 'from', 'to'],
    indexes: [],
    classificationInput: false,
  },
  handled: {
    name: 'handled',
    storage: parts,
    kind: 'log',
    schema: recordSchemas.handled,
    layout: { kind: 'period', of: (r: { at: string }) => r.at.slice(0, 10) },
    dict: [],
    indexes: [{ name: 'byId', fields: ['id'], unique: true }],
    classificationInput: false,
  },
}

/** Every stored collection, main-file ones first, in the order they are written. */
export const DESCRIPTORS: { readonly [C in CollectionName]: CollectionDescriptor<C> } = { ...MAIN_COLLECTIONS, ...COLLECTIONS }

const names = Object.keys(DESCRIPTORS) as CollectionName[]
/** Collections kept in parts of their own; everything else stays in the main file. */
export const PART_COLLECTIONS = names.filter(c => DESCRIPTORS[c].storage === 'parts') as readonly PartCollection[]
/** Collections kept in the main file. */
export const MAIN_KEYS = names.filter(c => DESCRIPTORS[c].storage === 'main') as readonly MainKey[]

/** Main-file keys the classification reads: changing one bumps the revision. */
export const MAIN_CLASSIFICATION_INPUTS: ReadonlySet<MainKey> = new Set(MAIN_KEYS.filter(k => DESCRIPTORS[k].classificationInput))
