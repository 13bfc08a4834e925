/**
 * How the database is laid out on disk. The main file (`shop.json`, JSON) holds the small
 * collections and the manifest; the large collections live in parts of bounded size in `shop.data/`
 * (MessagePack columns), each collection split into parts by a key that never changes (an order's
 * number, a customer's sequence number, a day: see each collection's descriptor), so a new order
 * only ever dirties the newest part.
 */
import { basename, dirname, join } from 'node:path'
import { COLLECTIONS, PART_COLLECTIONS, type PartCollection } from './collections.js'

export { MAIN_KEYS, PART_COLLECTIONS, type MainKey, type PartCollection } from './collections.js'

/** The part name of the main file in the journal. */
export const MAIN_PART = 'main'

/** Parts for records whose id carries no sequence number (spread by a hash of the id). */
const HASH_PARTS = 8

/** The record's key (records with a key are replaced by it; the others are only ever appended). */
export function keyOf(collection: PartCollection, record: unknown): string | null {
  const d = COLLECTIONS[collection]
  return d.kind === 'keyed' ? (d.key as (r: unknown) => string)(record) : null
}

/** The part a record belongs to, e.g. `orders-3`, `customers-x5`, `handled-2026-11-23`. */
export function partOf(collection: PartCollection, record: unknown): string {
  const layout = COLLECTIONS[collection].layout
  if (layout.kind === 'period') return `${collection}-${(layout.of as (r: unknown) => string)(record)}`
  if (layout.number) return `${collection}-${Math.floor((layout.number as (r: unknown) => number)(record) / layout.size)}`
  return `${collection}-${chunkOfId(keyOf(collection, record)!, layout.size)}`
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
  const layout = COLLECTIONS[collection].layout
  const chunk = part.slice(collection.length + 1)
  if (layout.kind === 'chunk' && /^\d+$/.test(chunk)) {
    const k = Number(chunk)
    const { size } = layout
    const number = layout.number as ((r: unknown) => number) | undefined
    if (number) return r => Math.floor(number(r) / size) === k
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

/** A part's file: MessagePack columns (codec.ts). */
export const partFile = (dir: string, part: string): string => join(dir, `${part}.msgpack`)
/** A part's file as schema version 6 wrote it (JSON rows), read only to move it to the current format. */
export const legacyPartFile = (dir: string, part: string): string => join(dir, `${part}.json`)
export const journalName = (firstSeq: number): string => `journal-${String(firstSeq).padStart(12, '0')}.jsonl`
export const JOURNAL_RE = /^journal-(\d{12})\.jsonl$/
export const PART_FILE_RE = /^([a-z]+-[\w-]+)\.msgpack$/
export const LEGACY_PART_RE = /^([a-z]+-[\w-]+)\.json$/
