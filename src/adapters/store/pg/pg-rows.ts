/**
 * Between the state in memory and the tables: a collection as rows, a group commit's changes as
 * writes per table, and the statements that write a whole merchant (pg-load.ts reads them back).
 */
import { sql, type RawBuilder } from 'kysely'
import { DESCRIPTORS, type CollectionName } from '../collections.js'
import type { Op } from '../journal.js'
import { collectionOfPart, keyOf, MAIN_PART } from '../layout.js'
import { storedKey, TABLE_OF, type TableSpec } from './tables.js'

/** One table row as stored. */
export interface Row { key: string | null, ord: number, data: unknown }

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
