/**
 * Reading a merchant's rows. Each table is read in chunks of 20,000 rows by `ord`, each chunk
 * joined by the server into one JSON array text (`string_agg` of the stored JSON, several times cheaper
 * for the server than `json_agg`), so the process parses one text per chunk
 * instead of a row at a time — and the server builds the next chunk on its own core meanwhile. A bot
 * can open with the orders of the last days only (the file engine's rule: every order of the last
 * 7 days, newest chunks until one reaches back before that) and read the older ones afterwards,
 * newest first, checking and indexing a slice per turn of the event loop.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { sql, type Kysely } from 'kysely'
import { DESCRIPTORS, type CollectionName } from '../collections.js'
import { firstProblem, migrate } from '../migrate.js'
import { dbSchema, recordSchemas, type DbData } from '../schema.js'
import { keyFromStored, TABLE_OF, TABLES, type TableSpec } from './tables.js'

/** A merchant's data that is not what wxcrm writes; the message says where. */
export class PgDataProblem extends Error {
  override name = 'PgDataProblem'
}

const CHUNK = 20_000
/** Older orders checked with the schema per turn of the event loop. */
const CHECK_SLICE = 2_000

interface Chunk { records: unknown[], keys: string[] | null, first: number, last: number }

/** Up to CHUNK rows after `after` (forward) or before `before` (backward), oldest first within the chunk. */
async function readChunk(db: Kysely<unknown>, t: TableSpec, merchant: string, from: { after: number } | { before: number }): Promise<Chunk | null> {
  const table = sql.table(t.table)
  const key = t.keyed ? sql`key` : sql`NULL::text AS key`
  const range = 'after' in from
    ? sql`ord > ${from.after} ORDER BY ord LIMIT ${CHUNK}`
    : sql`ord < ${from.before} ORDER BY ord DESC LIMIT ${CHUNK}`
  const { rows } = await sql<{ d: string | null, k: string | null, first: string | null, last: string | null }>`
    SELECT '[' || string_agg(data::text, ',' ORDER BY ord) || ']' AS d, '[' || string_agg(to_json(key)::text, ',' ORDER BY ord) || ']' AS k, min(ord) AS first, max(ord) AS last
    FROM (SELECT ord, ${key}, data FROM ${table} WHERE merchant_id = ${merchant} AND ${range}) s`.execute(db)
  const r = rows[0]
  if (!r?.d) return null
  return { records: JSON.parse(r.d) as unknown[], keys: t.keyed ? JSON.parse(r.k!) as string[] : null, first: Number(r.first), last: Number(r.last) }
}

/**
 * A table's chunks, forward from the start or backward from `before`, with the next one already asked
 * of the server while the caller works on this one (the server builds a chunk on its own core). Every
 * read is waited for before the generator ends, however it ends, so none outlives the caller.
 */
async function* chunksOf(db: Kysely<unknown>, t: TableSpec, merchant: string, from: { after: number } | { before: number }): AsyncGenerator<Chunk> {
  const forward = 'after' in from
  let pending: Promise<Chunk | null> | null = readChunk(db, t, merchant, from)
  try {
    while (pending) {
      const c: Chunk | null = await pending
      pending = null
      if (!c) return
      if (c.records.length === CHUNK) pending = readChunk(db, t, merchant, forward ? { after: c.last } : { before: c.first })
      yield c
    }
  }
  finally {
    await pending?.catch(() => null)
  }
}

/** Every row of a table, in order. */
async function readTable(db: Kysely<unknown>, t: TableSpec, merchant: string): Promise<{ records: unknown[], keys: string[], last: number }> {
  const records: unknown[] = []
  const keys: string[] = []
  let last = -1
  for await (const c of chunksOf(db, t, merchant, { after: -1 })) {
    for (const r of c.records) records.push(r)
    if (c.keys) for (const k of c.keys) keys.push(k)
    last = c.last
  }
  return { records, keys, last }
}

export interface MerchantRead {
  data: DbData
  nextOrd: Map<CollectionName, number>
  /** Orders left for later: those before this `ord` (null when every order was read). */
  olderBefore: number | null
}

/**
 * A merchant's rows as the database object, checked with the schema (and moved forward from an older
 * version as the file engine's data is). With `recentSince` (an ISO time), the orders recorded before
 * it may be left for `readOlderOrders`.
 */
export async function readMerchant(db: Kysely<unknown>, merchant: string, schemaVersion: number, recentSince?: string): Promise<MerchantRead> {
  const raw: Record<string, unknown> = { schemaVersion }
  const nextOrd = new Map<CollectionName, number>()
  let olderBefore: number | null = null
  // Every table asked at once (the pool's connections): the server builds one while the bot parses another.
  const reads = TABLES.map(t => t.collection === 'orders' && recentSince !== undefined
    ? readRecentOrders(db, merchant, recentSince).then(r => ({ records: r.records, keys: [] as string[], last: r.last, olderBefore: r.olderBefore }))
    : readTable(db, t, merchant).then(r => ({ ...r, olderBefore: null })))
  const read = await Promise.allSettled(reads)
  for (const [i, t] of TABLES.entries()) {
    const r = read[i]!
    if (r.status === 'rejected') throw r.reason
    const { records, keys, last } = r.value
    if (t.collection === 'orders') olderBefore = r.value.olderBefore
    nextOrd.set(t.collection, last + 1)
    raw[t.collection] = DESCRIPTORS[t.collection].kind === 'map' ? Object.fromEntries(keys.map((k, j) => [keyFromStored(k), records[j]])) : records
  }
  const parsed = dbSchema.safeParse(migrate(raw))
  if (!parsed.success) throw new PgDataProblem(`商户 ${merchant} 的数据不完整或被改坏了：${firstProblem(parsed.error)}`)
  return { data: parsed.data, nextOrd, olderBefore }
}

/** The newest orders, chunk by chunk backwards, until a chunk reaches back before `since`. */
async function readRecentOrders(db: Kysely<unknown>, merchant: string, since: string): Promise<{ records: unknown[], last: number, olderBefore: number | null }> {
  const chunks: Chunk[] = []
  let before = Number.MAX_SAFE_INTEGER
  // Read newest first; the result is oldest first, and `last` is the newest chunk's.
  const result = (olderBefore: number | null) => ({ records: [...chunks].reverse().flatMap(k => k.records), last: chunks[0]?.last ?? -1, olderBefore })
  for (;;) {
    const c = await readChunk(db, TABLE_OF.orders, merchant, { before })
    if (!c) return result(null)
    chunks.push(c)
    before = c.first
    if (c.records.length < CHUNK) return result(null)
    const oldest = c.records[0] as { recordedAt?: unknown }
    if (typeof oldest.recordedAt === 'string' && oldest.recordedAt < since) return result(before)
  }
}

export interface OlderOrdersSink {
  /** Takes older orders (oldest first); the function it returns indexes the next slice, true once done. */
  add(records: readonly unknown[]): () => boolean
  done(): void
  failed(error: Error): void
}

/** Reads the orders before `before`, newest chunk first, in the background; `stop()` waits for the slice in hand. */
export function readOlderOrders(db: Kysely<unknown>, merchant: string, before: number | null, sink: OlderOrdersSink): { stop(): Promise<void> } {
  let stopped = false
  const schema = recordSchemas.orders
  const run = async (): Promise<void> => {
    for await (const c of chunksOf(db, TABLE_OF.orders, merchant, { before: before! })) {
      await nextTurn()
      if (stopped) return
      for (let i = 0; i < c.records.length; i += CHECK_SLICE) {
        if (i > 0) await nextTurn()
        if (stopped) return
        for (let j = i; j < Math.min(c.records.length, i + CHECK_SLICE); j++) {
          const checked = schema.safeParse(c.records[j])
          if (!checked.success) {
            const id = (c.records[j] as { id?: unknown } | null)?.id
            throw new PgDataProblem(`商户 ${merchant} 的订单数据被改坏了（wx_orders 里 id 为 ${String(id)} 的那一行）：${firstProblem(checked.error)}。请从备份恢复这一行，或改回 wxcrm 写入时的样子，再启动。`)
          }
          c.records[j] = checked.data
        }
      }
      const step = sink.add(c.records)
      while (!step()) {
        await nextTurn()
        if (stopped) return
      }
    }
    sink.done()
  }
  const running = before === null
    ? Promise.resolve()
    : run().catch((error: unknown) => sink.failed(error instanceof Error ? error : new Error(String(error))))
  return {
    async stop() {
      stopped = true
      await running
    },
  }
}
