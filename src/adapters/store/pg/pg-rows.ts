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

/** Rows per statement: a write with more is sent as several statements. */
export const SLICE = 5_000

/**
 * INSERT statements for `rows`, SLICE rows each. The records go as one JSON array (each record's JSON
 * written once; `json` stores it as given), split by the server with `json_array_elements` and zipped
 * with the keys and places by `ROWS FROM`: a text array of records would have every quote escaped by
 * the driver and unescaped and parsed again by the server. A keyed row replaces the row with its key,
 * and with `move` also takes its new place (a whole collection whose earlier row was removed); a log
 * row is added, or with `move` replaces the row at its place.
 */
export function insertRows(t: TableSpec, merchant: string, rows: readonly (Row & { json?: string })[], move: boolean): RawBuilder<unknown>[] {
  const table = sql.table(t.table)
  const out: RawBuilder<unknown>[] = []
  for (let i = 0; i < rows.length; i += SLICE) {
    const slice = rows.slice(i, i + SLICE)
    const ords = slice.map(r => r.ord)
    const records = `[${slice.map(r => r.json ?? JSON.stringify(r.data)).join(',')}]`
    if (t.keyed) {
      const keys = slice.map(r => storedKey(r.key ?? ''))
      const set = move ? sql`data = EXCLUDED.data, ord = EXCLUDED.ord` : sql`data = EXCLUDED.data`
      out.push(sql`INSERT INTO ${table} (merchant_id, key, ord, data)
        SELECT ${merchant}, k, o, d FROM ROWS FROM (unnest(${keys}::text[]), unnest(${ords}::bigint[]), json_array_elements(${records}::json)) AS u(k, o, d)
        ON CONFLICT (merchant_id, key) DO UPDATE SET ${set}`)
    }
    else {
      const conflict = move ? sql`ON CONFLICT (merchant_id, ord) DO UPDATE SET data = EXCLUDED.data` : sql``
      out.push(sql`INSERT INTO ${table} (merchant_id, ord, data)
        SELECT ${merchant}, o, d FROM ROWS FROM (unnest(${ords}::bigint[]), json_array_elements(${records}::json)) AS u(o, d) ${conflict}`)
    }
  }
  return out
}

/** The statements of one table's write (a whole one deletes the merchant's rows first), to run in one transaction. */
export function statementsOf(w: TableWrite, merchant: string): RawBuilder<unknown>[] {
  const drop = w.whole ? [sql`DELETE FROM ${sql.table(w.table.table)} WHERE merchant_id = ${merchant}`] : []
  return [...drop, ...insertRows(w.table, merchant, w.rows, false)]
}
