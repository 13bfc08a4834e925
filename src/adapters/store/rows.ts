/**
 * Parts of the big collections store records as rows (arrays in a fixed field order) under a
 * `fields` header, not as objects: the same JSON without a key repeated per record is under half the
 * size and parses about twice as fast, which is what cold start at a million orders needs. Fields
 * with few distinct values (agent, customer, date, status, product name…) are stored once per part in
 * a dictionary and referred to by number: fewer strings to parse, and one shared string in memory.
 */
import type { PartCollection } from './layout.js'

interface Codec {
  fields: readonly string[]
  /** Fields that may be absent from a record; stored as null and left out again when read. */
  optional?: readonly string[]
  /** Fields holding a list of objects, themselves stored as rows with these fields. */
  nested?: Readonly<Record<string, readonly string[]>>
  /** String fields stored through the part's dictionary (`lines.name` for a nested field). */
  dict?: readonly string[]
}

const LINE_FIELDS = ['name', 'qty', 'unit', 'unitPriceFen', 'amountFen', 'spec', 'costFen', 'shareFen'] as const

const CODECS: Partial<Record<PartCollection, Codec>> = {
  orders: {
    fields: ['id', 'no', 'sourceMessageId', 'recordedBy', 'agentId', 'customerId', 'placedOn', 'recordedAt', 'lines', 'amountFen', 'costFen', 'payment', 'paidFen', 'dueOn', 'status', 'refundedFen', 'note'],
    nested: { lines: LINE_FIELDS },
    dict: ['recordedBy', 'agentId', 'customerId', 'placedOn', 'payment', 'status', 'lines.name', 'lines.unit'],
  },
  customers: {
    fields: ['id', 'agentId', 'name', 'aliases', 'phone', 'address', 'externalId', 'contactId', 'tags', 'source', 'createdAt', 'optedOut', 'notes', 'lastInteractionAt', 'region'],
    optional: ['lastInteractionAt', 'region'],
    dict: ['agentId', 'source', 'createdAt'],
  },
  segments: {
    fields: ['customerId', 'group', 'tier', 'credit', 'atRisk', 'pAlive', 'expected90', 'since', 'asOf', 'reasons'],
    dict: ['group', 'tier', 'credit', 'since', 'asOf'],
  },
  handled: { fields: ['id', 'at'] },
}

/** The on-disk body of a part: rows under a header, or plain records for the small collections. */
export type PartBody =
  | { fields: string[], nested?: Record<string, string[]>, dict?: Record<string, string[]>, rows: unknown[][] }
  | { records: unknown[] }

/** For each dictionary field, its distinct values in order of first use. */
type Dicts = Map<string, Map<string, number>>

function buildDicts(codec: Codec, records: readonly unknown[]): Dicts {
  const dicts: Dicts = new Map()
  for (const path of codec.dict ?? []) {
    const values = new Map<string, number>()
    const [field, sub] = path.split('.') as [string, string | undefined]
    const add = (v: unknown): void => {
      if (typeof v === 'string' && !values.has(v)) values.set(v, values.size)
    }
    for (const r of records) {
      const v = (r as Record<string, unknown>)[field]
      if (sub === undefined) add(v)
      else if (Array.isArray(v)) for (const x of v) add((x as Record<string, unknown>)[sub])
    }
    dicts.set(path, values)
  }
  return dicts
}

function encodeRows(codec: Codec, records: readonly unknown[], dicts: Dicts): unknown[][] {
  const { fields, nested = {} } = codec
  const code = (path: string, v: unknown): unknown => {
    const d = dicts.get(path)
    return d && typeof v === 'string' ? d.get(v) : v ?? null
  }
  return records.map((r) => {
    const rec = r as Record<string, unknown>
    return fields.map((f) => {
      const v = rec[f]
      const sub = nested[f]
      if (sub && Array.isArray(v)) return v.map(x => sub.map(sf => code(`${f}.${sf}`, (x as Record<string, unknown>)[sf])))
      return code(f, v)
    })
  })
}

function header(codec: Codec, dicts: Dicts): Omit<Extract<PartBody, { rows: unknown[][] }>, 'rows'> {
  return {
    fields: [...codec.fields],
    ...(codec.nested ? { nested: Object.fromEntries(Object.entries(codec.nested).map(([k, v]) => [k, [...v]])) } : {}),
    ...(dicts.size > 0 ? { dict: Object.fromEntries([...dicts].map(([path, values]) => [path, [...values.keys()]])) } : {}),
  }
}

/** Puts the dictionary's strings back in place of their numbers (in the parsed rows themselves). */
function undict(body: Extract<PartBody, { rows: unknown[][] }>): void {
  for (const [path, values] of Object.entries(body.dict ?? {})) {
    const [field, sub] = path.split('.') as [string, string | undefined]
    const j = body.fields.indexOf(field)
    if (j < 0) continue
    const k = sub === undefined ? -1 : (body.nested?.[field] ?? []).indexOf(sub)
    for (const row of body.rows) {
      if (k < 0) {
        const v = row[j]
        if (typeof v === 'number') row[j] = values[v]
        continue
      }
      const list = row[j]
      if (!Array.isArray(list)) continue
      for (const item of list as unknown[][]) {
        const v = item[k]
        if (typeof v === 'number') item[k] = values[v]
      }
    }
  }
}

/**
 * Object literals of one fixed shape for the two collections that reach a million records: V8 then
 * keeps their fields in-object, which makes loading and the objects themselves much cheaper than
 * adding fields one by one. Used when a part's header is the current field order.
 */
const FAST: Partial<Record<PartCollection, (r: any[]) => unknown>> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  orders: r => ({
    id: r[0], no: r[1], sourceMessageId: r[2], recordedBy: r[3], agentId: r[4], customerId: r[5], placedOn: r[6], recordedAt: r[7],
    lines: (r[8] as unknown[][]).map(l => ({ name: l[0], qty: l[1], unit: l[2], unitPriceFen: l[3], amountFen: l[4], spec: l[5], costFen: l[6], shareFen: l[7] })),
    amountFen: r[9], costFen: r[10], payment: r[11], paidFen: r[12], dueOn: r[13], status: r[14], refundedFen: r[15], note: r[16],
  }),
  handled: r => ({ id: r[0], at: r[1] }),
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i])
}

/** Records from a part's body, whatever field order its header gives. */
export function decodePart(collection: PartCollection, body: PartBody): unknown[] {
  if ('records' in body) return body.records
  undict(body)
  const codec = CODECS[collection]!
  const fast = FAST[collection]
  const nestedSame = Object.entries(codec.nested ?? {}).every(([k, v]) => sameFields(body.nested?.[k] ?? [], v))
  if (fast && sameFields(body.fields, codec.fields) && nestedSame) return body.rows.map(fast)
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

/** A part file's JSON text, built a slice of records at a time so no single step is long. */
export async function* partText(collection: PartCollection, seq: number, records: readonly unknown[], sliceSize = 2_000): AsyncGenerator<string> {
  const codec = CODECS[collection]
  const dicts = codec ? buildDicts(codec, records) : new Map() as Dicts
  const head = JSON.stringify({ collection, seq, ...(codec ? { ...header(codec, dicts), rows: [] } : { records: [] }) })
  const key = codec ? '"rows":[]' : '"records":[]'
  const at = head.lastIndexOf(key) + key.length - 1
  yield head.slice(0, at)
  for (let i = 0; i < records.length; i += sliceSize) {
    const slice = records.slice(i, i + sliceSize)
    const items = JSON.stringify(codec ? encodeRows(codec, slice, dicts) : slice)
    yield `${i === 0 ? '' : ','}${items.slice(1, -1)}`
    // Let messages in between: each slice is a few milliseconds of work.
    await new Promise<void>(resolve => setImmediate(resolve))
  }
  yield head.slice(at)
}
