/**
 * A group commit as one SQL statement: every table's change is a data-modifying `WITH` clause of a
 * single statement, which PostgreSQL runs atomically and commits on its own — one round trip to the
 * server instead of BEGIN, a statement per table and COMMIT. The main file's small collections change
 * as a whole in memory; only the rows that differ from what was last written are sent (and the rows
 * no longer there deleted), so a merchant with 500 products does not rewrite them with every order.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { CollectionName } from '../collections.js'
import type { DbData } from '../schema.js'
import { rowsOf, type Row, type TableWrite } from './pg-rows.js'
import { storedKey, TABLES } from './tables.js'

/** A row of a whole-written table as last written: its place and its JSON, by its identity (key, or place for a log). */
type Written = Map<string, { ord: number, json: string }>

const identity = (keyed: boolean, r: Row): string => (keyed ? storedKey(r.key ?? '') : String(r.ord))

/** What the database holds of each whole-written collection, to send only what changed. */
export class WrittenMain {
  readonly #tables = new Map<CollectionName, Written>()

  constructor(data: DbData) {
    for (const t of TABLES) {
      if (!t.whole) continue
      const written: Written = new Map()
      for (const r of rowsOf(t.collection, data[t.collection])) written.set(identity(t.keyed, r), { ord: r.ord, json: JSON.stringify(r.data) })
      this.#tables.set(t.collection, written)
    }
  }

  /** The rows to upsert and the identities to delete for a whole collection's new rows; `done` records them once committed. */
  diff(w: TableWrite): { upserts: (Row & { json: string })[], deleted: string[], done: () => void } {
    const before = this.#tables.get(w.table.collection) ?? new Map()
    const after: Written = new Map()
    const upserts: (Row & { json: string })[] = []
    for (const r of w.rows) {
      const id = identity(w.table.keyed, r)
      const json = JSON.stringify(r.data)
      after.set(id, { ord: r.ord, json })
      const was = before.get(id)
      if (!was || was.ord !== r.ord || was.json !== json) upserts.push({ ...r, json })
    }
    const deleted = [...before.keys()].filter(id => !after.has(id))
    return { upserts, deleted, done: () => void this.#tables.set(w.table.collection, after) }
  }
}

/**
 * One statement for the whole commit, or null when nothing differs from what the database holds;
 * `done` updates the record of what was written once the statement has committed.
 */
export function commitStatement(merchant: string, writes: readonly TableWrite[], main: WrittenMain): { statement: RawBuilder<unknown>, done: () => void } | null {
  const clauses: RawBuilder<unknown>[] = []
  const after: (() => void)[] = []
  for (const w of writes) {
    const table = sql.table(w.table.table)
    let rows: (Row & { json?: string })[] = w.rows
    if (w.whole) {
      const d = main.diff(w)
      after.push(d.done)
      rows = d.upserts
      if (d.deleted.length > 0) {
        clauses.push(w.table.keyed
          ? sql`DELETE FROM ${table} WHERE merchant_id = ${merchant} AND key = ANY(${d.deleted}::text[])`
          : sql`DELETE FROM ${table} WHERE merchant_id = ${merchant} AND ord = ANY(${d.deleted.map(Number)}::bigint[])`)
      }
    }
    if (rows.length === 0) continue
    const ords = rows.map(r => r.ord)
    const json = rows.map(r => r.json ?? JSON.stringify(r.data))
    if (w.table.keyed) {
      const keys = rows.map(r => storedKey(r.key ?? ''))
      // A whole collection's row may move (an earlier one was removed); a part's row keeps its place.
      const set = w.whole ? sql`data = EXCLUDED.data, ord = EXCLUDED.ord` : sql`data = EXCLUDED.data`
      clauses.push(sql`INSERT INTO ${table} (merchant_id, key, ord, data)
        SELECT ${merchant}, k, o, d::json FROM unnest(${keys}::text[], ${ords}::bigint[], ${json}::text[]) AS u(k, o, d)
        ON CONFLICT (merchant_id, key) DO UPDATE SET ${set}`)
    }
    else {
      const conflict = w.whole ? sql`ON CONFLICT (merchant_id, ord) DO UPDATE SET data = EXCLUDED.data` : sql``
      clauses.push(sql`INSERT INTO ${table} (merchant_id, ord, data)
        SELECT ${merchant}, o, d::json FROM unnest(${ords}::bigint[], ${json}::text[]) AS u(o, d) ${conflict}`)
    }
  }
  // Nothing differs from what the database holds (a main collection set to what it was).
  if (clauses.length === 0) return null
  const done = (): void => after.forEach(f => f())
  const ctes = sql.join(clauses.map((c, i) => sql`${sql.raw(`w${i}`)} AS (${c})`), sql`, `)
  return { statement: sql`WITH ${ctes} SELECT 1`, done }
}

/** Runs a commit's statement (its own transaction); the written record is updated only once it committed. */
export async function commitWrites(db: Kysely<unknown>, merchant: string, writes: readonly TableWrite[], main: WrittenMain): Promise<void> {
  const c = commitStatement(merchant, writes, main)
  if (!c) return
  await c.statement.execute(db)
  c.done()
}
