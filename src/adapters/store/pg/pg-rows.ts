/**
 * Between the state in memory and the tables: a merchant's rows read back into the database object
 * (checked record by record against the collection's schema), and a group commit's changes turned
 * into one statement per table.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { DESCRIPTORS, type CollectionName } from '../collections.js'
import type { Op } from '../journal.js'
import { collectionOfPart, keyOf, MAIN_PART } from '../layout.js'
import { firstProblem, migrate } from '../migrate.js'
import { dbSchema, type DbData } from '../schema.js'
import { keyFromStored, storedKey, TABLE_OF, TABLES, type TableSpec } from './tables.js'

/** One table row as stored. */
export interface Row { key: string | null, ord: number, data: unknown }

/** A merchant's data that is not what wxcrm writes; the message says where. */
export class PgDataProblem extends Error {
  override name = 'PgDataProblem'
}

/** Rows of every collection of one merchant, and the next `ord` of each table. */
export async function readMerchant(db: Kysely<unknown>, merchant: string, schemaVersion: number): Promise<{ data: DbData, nextOrd: Map<CollectionName, number> }> {
  const raw: Record<string, unknown> = { schemaVersion }
  const nextOrd = new Map<CollectionName, number>()
  for (const t of TABLES) {
    const rows = (await sql<{ key: string | null, ord: string, data: unknown }>`SELECT ${sql.raw(t.keyed ? 'key' : 'NULL AS key')}, ord, data FROM ${sql.table(t.table)} WHERE merchant_id = ${merchant} ORDER BY ord`.execute(db)).rows
    nextOrd.set(t.collection, rows.length > 0 ? Number(rows.at(-1)!.ord) + 1 : 0)
    raw[t.collection] = DESCRIPTORS[t.collection].kind === 'map'
      ? Object.fromEntries(rows.map(r => [keyFromStored(r.key ?? ''), r.data]))
      : rows.map(r => r.data)
  }
  // The same check (and the same moving forward of older data) as a database file gets.
  const parsed = dbSchema.safeParse(migrate(raw))
  if (!parsed.success) throw new PgDataProblem(`商户 ${merchant} 的数据不完整或被改坏了：${firstProblem(parsed.error)}`)
  return { data: parsed.data, nextOrd }
}

/** The rows a whole collection is written as (a main-file collection, or a copy of a database). */
export function rowsOf(c: CollectionName, value: unknown): Row[] {
  const d = DESCRIPTORS[c]
  if (d.kind === 'map') return Object.entries(value as Record<string, unknown>).map(([key, v], ord) => ({ key, ord, data: v }))
  const key = d.kind === 'keyed' ? d.key as (r: unknown) => string : null
  return (value as unknown[]).map((r, ord) => ({ key: key ? key(r) : null, ord, data: r }))
}

/** What one group commit writes: per table, the whole collection anew, or the records put and added. */
export interface TableWrite { table: TableSpec, whole: boolean, rows: Row[] }

/** A group commit's journal operations as writes per table; `nextOrd` numbers the new records. */
export function writesOf(ops: readonly Op[], nextOrd: Map<CollectionName, number>): TableWrite[] {
  const writes = new Map<CollectionName, TableWrite>()
  for (const op of ops) {
    if (op.p === MAIN_PART && 'set' in op) {
      const c = op.set as CollectionName
      writes.set(c, { table: TABLE_OF[c], whole: true, rows: rowsOf(c, op.v) })
      continue
    }
    const c = collectionOfPart(op.p)
    if (!c) throw new Error(`not a part: ${op.p}`)
    const record = 'put' in op ? op.put : (op as { add: unknown }).add
    let w = writes.get(c)
    if (!w) writes.set(c, w = { table: TABLE_OF[c], whole: false, rows: [] })
    const ord = nextOrd.get(c) ?? 0
    nextOrd.set(c, ord + 1)
    w.rows.push({ key: keyOf(c, record), ord, data: record })
  }
  return [...writes.values()]
}

/** Rows per statement when a table is written whole (a copy of a million orders goes in slices). */
const SLICE = 5_000

/** The statements of one table's write, to run inside the commit's transaction. */
export function statementsOf(w: TableWrite, merchant: string): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = []
  const table = sql.table(w.table.table)
  if (w.whole) out.push(sql`DELETE FROM ${table} WHERE merchant_id = ${merchant}`)
  for (let i = 0; i < w.rows.length; i += SLICE) {
    const rows = w.rows.slice(i, i + SLICE)
    const ords = rows.map(r => r.ord)
    // Each record as JSON text, cast to json by the server: one statement however many rows.
    const json = rows.map(r => JSON.stringify(r.data))
    if (w.table.keyed) {
      const keys = rows.map(r => storedKey(r.key ?? ''))
      out.push(sql`INSERT INTO ${table} (merchant_id, key, ord, data)
        SELECT ${merchant}, k, o, d::json FROM unnest(${keys}::text[], ${ords}::bigint[], ${json}::text[]) AS u(k, o, d)
        ON CONFLICT (merchant_id, key) DO UPDATE SET data = EXCLUDED.data`)
    }
    else {
      out.push(sql`INSERT INTO ${table} (merchant_id, ord, data)
        SELECT ${merchant}, o, d::json FROM unnest(${ords}::bigint[], ${json}::text[]) AS u(o, d)`)
    }
  }
  return out
}
