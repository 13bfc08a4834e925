/**
 * A part file: one MessagePack value `{ collection, seq, count, fields, nested, dict, cols }`, the
 * part's records as columns (codec.ts). Binary columns load about twice as fast as the JSON rows
 * of schema version 6, which is what cold start at a million orders needs; those older JSON parts
 * are still read here, once, to move them to this format (see database-files.ts).
 */
import { Packr } from 'msgpackr'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { codecOf, type Columns } from './codec.js'
import { COLLECTIONS, type PartCollection } from './collections.js'

const packr = new Packr({ useRecords: false, mapsAsObjects: true })

/** What a part file holds, besides its records. */
export interface PartHeader { collection: PartCollection, seq: number }

/** A part's bytes. */
export function encodePart(collection: PartCollection, seq: number, records: readonly unknown[]): Uint8Array {
  const columns = codecOf(COLLECTIONS[collection]).encode(records)
  return packr.pack({ collection, seq, ...columns })
}

/** Bytes handed to the file at a time by `partPieces`. */
const PIECE = 256 * 1024

/**
 * The same bytes as `encodePart` would decode to, produced a little at a time so that writing a part
 * of 20,000 orders never holds the event loop for long: the columns are built in slices, then the
 * outer map is written by hand (a MessagePack map is its length followed by its keys and values, each
 * packed on its own) with one column packed per turn. `records` must not change meanwhile (records
 * are never changed in place; the list is the caller's own copy).
 */
export async function* partPieces(collection: PartCollection, seq: number, records: readonly unknown[]): AsyncGenerator<Uint8Array> {
  const steps = codecOf(COLLECTIONS[collection]).encodeInSteps(records)
  let step = steps.next()
  while (!step.done) {
    await nextTurn()
    step = steps.next()
  }
  const { cols, ...head } = step.value
  const out = new PieceBuffer()
  const top: [string, unknown][] = [['collection', collection], ['seq', seq], ...Object.entries(head)]
  out.push(mapHeader(top.length + 1))
  for (const [k, v] of top) out.push(packr.pack(k), packr.pack(v))
  const names = Object.keys(cols)
  out.push(packr.pack('cols'), mapHeader(names.length))
  for (const name of names) {
    out.push(packr.pack(name), packr.pack(cols[name]))
    if (out.size >= PIECE) yield out.take()
    await nextTurn()
  }
  yield out.take()
}

/** A MessagePack map header for `n` entries. */
function mapHeader(n: number): Uint8Array {
  if (n < 16) return Uint8Array.of(0x80 | n)
  if (n < 0x10000) return Uint8Array.of(0xDE, n >> 8, n & 0xFF)
  throw new Error('too many columns')
}

/** Packed values collected into pieces (packr reuses its buffer, so each value is copied at once). */
class PieceBuffer {
  #parts: Uint8Array[] = []
  size = 0
  push(...bytes: Uint8Array[]): void {
    for (const b of bytes) {
      this.#parts.push(Uint8Array.prototype.slice.call(b))
      this.size += b.length
    }
  }

  take(): Uint8Array {
    const whole = Buffer.concat(this.#parts, this.size)
    this.#parts = []
    this.size = 0
    return whole
  }
}

/** A part's header and records; throws a message in words when the bytes are not a part. */
export function decodePart(bytes: Uint8Array): PartHeader & { records: unknown[], fields: string[], nested: Record<string, string[]> } {
  let body: PartHeader & Columns
  try {
    body = packr.unpack(bytes) as PartHeader & Columns
  }
  catch (e) {
    throw new Error(`不是有效的数据分卷（${(e as Error).message}）`)
  }
  const collection = body?.collection
  if (typeof body !== 'object' || body === null || !(collection in COLLECTIONS) || !Number.isInteger(body.seq) || !Number.isInteger(body.count)
    || !Array.isArray(body.fields) || typeof body.cols !== 'object' || typeof body.dict !== 'object' || typeof body.nested !== 'object') {
    throw new Error('不是 wxcrm 的数据分卷文件')
  }
  const records = codecOf(COLLECTIONS[collection]).decode(body)
  return { collection, seq: body.seq, records, fields: body.fields, nested: body.nested }
}

/** Whether a part was written with the collection's current fields (else every record is checked). */
export function hasCurrentFields(collection: PartCollection, part: { fields: readonly string[], nested: Record<string, readonly string[]> }): boolean {
  const codec = codecOf(COLLECTIONS[collection])
  const same = (a: readonly string[], b: readonly string[] | undefined): boolean => !!b && a.length === b.length && a.every((f, i) => f === b[i])
  return same(codec.fields, part.fields) && Object.entries(codec.nested).every(([k, v]) => same(v, part.nested[k]))
    && Object.keys(part.nested).length === Object.keys(codec.nested).length
}

/**
 * The records of a JSON part written by schema version 6: rows under a `fields` header (with an
 * optional dictionary and nested rows), or plain records. Absent optional fields were stored as null.
 */
export function decodeLegacyPart(collection: PartCollection, text: string): PartHeader & { records: unknown[] } {
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  }
  catch (e) {
    throw new Error(`不是有效的 JSON（${(e as Error).message}）`)
  }
  if (typeof body !== 'object' || body === null || body.collection !== collection || !Number.isInteger(body.seq)) throw new Error('不是 wxcrm 的数据分卷文件')
  const seq = body.seq as number
  if (Array.isArray(body.records)) return { collection, seq, records: body.records }
  const { fields, rows, nested = {}, dict = {} } = body as { fields?: unknown, rows?: unknown, nested?: Record<string, string[]>, dict?: Record<string, string[]> }
  if (!Array.isArray(fields) || !Array.isArray(rows)) throw new Error('不是 wxcrm 的数据分卷文件')
  const optional = codecOf(COLLECTIONS[collection]).optional
  const word = (path: string, v: unknown): unknown => typeof v === 'number' && dict[path] ? dict[path][v] : v
  const records = (rows as unknown[][]).map((row) => {
    const rec: Record<string, unknown> = {}
    fields.forEach((f: string, j) => {
      const v = row[j]
      const subs = nested[f]
      if (subs && Array.isArray(v)) {
        rec[f] = (v as unknown[][]).map((item) => {
          const o: Record<string, unknown> = {}
          subs.forEach((s, k) => { o[s] = word(`${f}.${s}`, item[k]) })
          return o
        })
      }
      else if (!(v === null && optional.has(f))) {
        rec[f] = word(f, v)
      }
    })
    return rec
  })
  return { collection, seq, records }
}
