/**
 * Parts of the big collections store records as rows (arrays in a fixed field order) under a
 * `fields` header, not as objects: the same JSON without a key repeated per record is under half the
 * size and parses about twice as fast, which is what cold start at a million orders needs.
 */
import type { PartCollection } from './layout.js'

interface Codec {
  fields: readonly string[]
  /** Fields that may be absent from a record; stored as null and left out again when read. */
  optional?: readonly string[]
  /** Fields holding a list of objects, themselves stored as rows with these fields. */
  nested?: Readonly<Record<string, readonly string[]>>
}

const LINE_FIELDS = ['name', 'qty', 'unit', 'unitPriceFen', 'amountFen', 'spec'] as const

const CODECS: Partial<Record<PartCollection, Codec>> = {
  orders: {
    fields: ['id', 'no', 'sourceMessageId', 'recordedBy', 'agentId', 'customerId', 'placedOn', 'recordedAt', 'lines', 'amountFen', 'costFen', 'payment', 'paidFen', 'dueOn', 'status', 'refundedFen', 'note'],
    nested: { lines: LINE_FIELDS },
  },
  customers: {
    fields: ['id', 'agentId', 'name', 'aliases', 'phone', 'address', 'externalId', 'contactId', 'tags', 'source', 'createdAt', 'optedOut', 'notes', 'lastInteractionAt'],
    optional: ['lastInteractionAt'],
  },
  segments: {
    fields: ['customerId', 'group', 'tier', 'credit', 'atRisk', 'pAlive', 'expected90', 'since', 'asOf', 'reasons'],
  },
  handled: { fields: ['id', 'at'] },
}

/** The on-disk body of a part: rows under a header, or plain records for the small collections. */
export type PartBody = { fields: string[], nested?: Record<string, string[]>, rows: unknown[][] } | { records: unknown[] }

export function encodePart(collection: PartCollection, records: readonly unknown[]): PartBody {
  const codec = CODECS[collection]
  if (!codec) return { records: [...records] }
  const { fields, nested = {} } = codec
  const rows = records.map((r) => {
    const rec = r as Record<string, unknown>
    return fields.map((f) => {
      const v = rec[f]
      const sub = nested[f]
      if (sub && Array.isArray(v)) return v.map(x => sub.map(sf => (x as Record<string, unknown>)[sf] ?? null))
      return v ?? null
    })
  })
  return { fields: [...fields], ...(codec.nested ? { nested: Object.fromEntries(Object.entries(nested).map(([k, v]) => [k, [...v]])) } : {}), rows }
}

/** Records from a part's body, whatever field order its header gives. */
export function decodePart(collection: PartCollection, body: PartBody): unknown[] {
  if ('records' in body) return body.records
  const optional = new Set(CODECS[collection]?.optional ?? [])
  const { fields, nested = {} } = body
  const out: unknown[] = new Array(body.rows.length)
  for (let i = 0; i < body.rows.length; i++) {
    const row = body.rows[i]!
    const rec: Record<string, unknown> = {}
    for (let j = 0; j < fields.length; j++) {
      const f = fields[j]!
      const v = row[j]
      if (v === null && optional.has(f)) continue
      const sub = nested[f]
      rec[f] = sub && Array.isArray(v) ? v.map(x => rowToObject(sub, x as unknown[])) : v
    }
    out[i] = rec
  }
  return out
}

function rowToObject(fields: readonly string[], row: unknown[]): Record<string, unknown> {
  const rec: Record<string, unknown> = {}
  for (let j = 0; j < fields.length; j++) rec[fields[j]!] = row[j]
  return rec
}
