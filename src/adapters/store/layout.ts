/**
 * How the database is laid out on disk. The main lowdb file (`shop.json`) holds the small
 * collections and the manifest; the large collections live in lowdb files of bounded size in
 * `shop.data/`, each collection split into parts by a key that never changes (an order's number, a
 * customer's sequence number, a day), so a new order only ever dirties the newest part.
 */
import { basename, dirname, join } from 'node:path'
import type { DbData } from './schema.js'

/** Collections kept in parts of their own; everything else stays in the main file. */
export const PART_COLLECTIONS = ['orders', 'customers', 'payments', 'refunds', 'segments', 'outbox', 'transitions', 'handled'] as const
export type PartCollection = typeof PART_COLLECTIONS[number]

/** Collections kept in the main file. */
export const MAIN_KEYS = ['counters', 'agents', 'products', 'pending', 'admins', 'snapshots', 'settings', 'jobRuns', 'invites'] as const
export type MainKey = typeof MAIN_KEYS[number]

/** The part name of the main file in the journal. */
export const MAIN_PART = 'main'

type RecordOf<C extends PartCollection> = DbData[C][number]

/** Orders per part (by order number). */
const ORDERS_PER_PART = 20_000

/** Records per part: a part stays a few MB, so writing one is a short pause. */
const CHUNK: Record<PartCollection, number> = {
  orders: ORDERS_PER_PART,
  customers: 20_000,
  payments: 20_000,
  refunds: 20_000,
  segments: 20_000,
  outbox: 20_000,
  transitions: 0,
  handled: 0,
}
/** Parts for records whose id carries no sequence number (spread by a hash of the id). */
const HASH_PARTS = 8

/** Records of these collections are replaced by key; the others are only ever appended. */
export function keyOf(collection: PartCollection, record: unknown): string | null {
  switch (collection) {
    case 'segments': return (record as RecordOf<'segments'>).customerId
    case 'transitions':
    case 'handled': return null
    default: return (record as { id: string }).id
  }
}

/** The part a record belongs to, e.g. `orders-3`, `customers-x5`, `handled-2026-11-23`. */
export function partOf(collection: PartCollection, record: unknown): string {
  switch (collection) {
    case 'orders': return `orders-${Math.floor((record as RecordOf<'orders'>).no / CHUNK.orders)}`
    case 'transitions': return `transitions-${(record as RecordOf<'transitions'>).on.slice(0, 7)}`
    case 'handled': return `handled-${(record as RecordOf<'handled'>).at.slice(0, 10)}`
    default: return `${collection}-${chunkOfId(keyOf(collection, record)!, CHUNK[collection])}`
  }
}

/** `c12345` → `0` (by its number); ids without a trailing number → `x0`…`x7` by a hash. */
function chunkOfId(id: string, size: number): string {
  const n = trailingNumber(id)
  if (n !== null) return String(Math.floor(n / size))
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return `x${h % HASH_PARTS}`
}

/** The number an id ends with (`c12345` → 12345), read without building strings; null if none or too long. */
function trailingNumber(id: string): number | null {
  let n = 0
  let digits = 0
  for (let i = id.length - 1; i >= 0; i--) {
    const d = id.charCodeAt(i) - 48
    if (d < 0 || d > 9) break
    n += d * 10 ** digits++
  }
  return digits > 0 && digits <= 15 ? n : null
}

/** A fast test for "this record belongs to `part`" (by number, without building part names). */
export function memberOf(part: string): (record: unknown) => boolean {
  const collection = collectionOfPart(part)!
  if (collection === 'orders') {
    const k = Number(part.slice('orders-'.length))
    return r => Math.floor((r as RecordOf<'orders'>).no / CHUNK.orders) === k
  }
  const chunk = part.slice(collection.length + 1)
  const size = CHUNK[collection]
  if (size > 0 && /^\d+$/.test(chunk)) {
    const k = Number(chunk)
    return (r) => {
      const n = trailingNumber(keyOf(collection, r)!)
      return n !== null && Math.floor(n / size) === k
    }
  }
  return r => partOf(collection, r) === part
}

/** The collection a part name belongs to, or null for a name that is not a part. */
export function collectionOfPart(part: string): PartCollection | null {
  const i = part.indexOf('-')
  const c = i > 0 ? part.slice(0, i) : ''
  return (PART_COLLECTIONS as readonly string[]).includes(c) ? c as PartCollection : null
}

/** Parts in the order their records are listed in memory: by collection, then by chunk. */
export function comparePartNames(a: string, b: string): number {
  const [ca, ka] = splitPart(a)
  const [cb, kb] = splitPart(b)
  if (ca !== cb) return ca < cb ? -1 : 1
  const na = /^\d+$/.test(ka) ? Number(ka) : Number.NaN
  const nb = /^\d+$/.test(kb) ? Number(kb) : Number.NaN
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb
  if (Number.isNaN(na) !== Number.isNaN(nb)) return Number.isNaN(na) ? 1 : -1
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

function splitPart(part: string): [string, string] {
  const i = part.indexOf('-')
  return [part.slice(0, i), part.slice(i + 1)]
}

/** Where a database's parts and journal live: `shop.json` → `shop.data/`. */
export function dataDirOf(file: string): string {
  return join(dirname(file), `${basename(file, '.json')}.data`)
}

export const partFile = (dir: string, part: string): string => join(dir, `${part}.json`)
export const journalName = (firstSeq: number): string => `journal-${String(firstSeq).padStart(12, '0')}.jsonl`
export const JOURNAL_RE = /^journal-(\d{12})\.jsonl$/
export const PART_FILE_RE = /^([a-z]+-[\w-]+)\.json$/
