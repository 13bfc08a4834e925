/**
 * A group commit as one SQL statement: every table's change is a data-modifying `WITH` clause of a
 * single statement, which PostgreSQL runs atomically and commits on its own — one round trip to the
 * server instead of BEGIN, a statement per table and COMMIT — and whose final SELECT checks that this
 * bot still holds its merchant's lock (else the statement fails and nothing of it is written). A
 * commit of more rows than one statement should carry (an import) is written as several statements in
 * one transaction. The main file's small collections change as a whole in memory; only the rows that
 * differ from what was last written are sent, so a merchant with 500 products does not rewrite them
 * with every order.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { CollectionName } from '../collections.js'
import type { DbData } from '../schema.js'
import { insertRows, rowsOf, SLICE, type Row, type TableWrite } from './pg-rows.js'
import { storedKey, TABLES } from './tables.js'

/** A row of a whole-written table as last written (its place and its JSON), by its identity (key, or place for a log). */
type Written = Map<string, { ord: number, json: string }>

const identity = (keyed: boolean, r: Row): string => (keyed ? storedKey(r.key ?? '') : String(r.ord))

/** A row to write, with its JSON. */
type Out = Row & { json: string }

/**
 * What the database holds of each whole-written collection, to send only what changed. After a
 * failed commit it is not known whether the statement got in (the reply may have been what was
 * lost): those collections are then written whole again, every other row deleted.
 */
export class WrittenMain {
  readonly #tables = new Map<CollectionName, Written | null>()

  constructor(data: DbData) {
    for (const t of TABLES) {
      if (!t.whole) continue
      const written: Written = new Map()
      for (const r of rowsOf(t.collection, data[t.collection])) written.set(identity(t.keyed, r), { ord: r.ord, json: JSON.stringify(r.data) })
      this.#tables.set(t.collection, written)
    }
  }

  /** The rows to upsert, the identities to delete (or every other row: `others`), and `done` to record them once committed. */
  diff(w: TableWrite): { upserts: Out[], deleted: string[], others: boolean, done: () => void } {
    const before = this.#tables.get(w.table.collection)
    const after: Written = new Map()
    const upserts: Out[] = []
    for (const r of w.rows) {
      const id = identity(w.table.keyed, r)
      const json = JSON.stringify(r.data)
      after.set(id, { ord: r.ord, json })
      const was = before?.get(id)
      if (!was || was.ord !== r.ord || was.json !== json) upserts.push({ ...r, json })
    }
    const deleted = before ? [...before.keys()].filter(id => !after.has(id)) : []
    return { upserts, deleted, others: !before, done: () => void this.#tables.set(w.table.collection, after) }
  }

  /** A commit that wrote these failed: what the database holds of them is unknown until written whole. */
  forget(writes: readonly TableWrite[]): void {
    for (const w of writes) if (w.whole) this.#tables.set(w.table.collection, null)
  }
}

/** The data-modifying statements of one table's write, each at most SLICE rows. */
function clausesOf(w: TableWrite, merchant: string, main: WrittenMain, after: (() => void)[]): RawBuilder<unknown>[] {
  const table = sql.table(w.table.table)
  const out: RawBuilder<unknown>[] = []
  let rows: readonly (Row & { json?: string })[] = w.rows
  if (w.whole) {
    const d = main.diff(w)
    after.push(d.done)
    rows = d.upserts
    if (d.others) {
      out.push(w.table.keyed
        ? sql`DELETE FROM ${table} WHERE merchant_id = ${merchant} AND NOT (key = ANY(${w.rows.map(r => storedKey(r.key ?? ''))}::text[]))`
        : sql`DELETE FROM ${table} WHERE merchant_id = ${merchant} AND ord >= ${w.rows.length}`)
    }
    else if (d.deleted.length > 0) {
      out.push(w.table.keyed
        ? sql`DELETE FROM ${table} WHERE merchant_id = ${merchant} AND key = ANY(${d.deleted}::text[])`
        : sql`DELETE FROM ${table} WHERE merchant_id = ${merchant} AND ord = ANY(${d.deleted.map(Number)}::bigint[])`)
    }
  }
  out.push(...insertRows(w.table, merchant, rows, w.whole))
  return out
}

/**
 * Writes a commit: one statement ending in `fence` (a SELECT that fails unless the merchant's lock is
 * still held), or for a large commit the fence and the slices in one transaction. What was written of
 * the small collections is recorded only once it committed.
 */
export async function commitWrites(db: Kysely<unknown>, merchant: string, writes: readonly TableWrite[], main: WrittenMain, fence: RawBuilder<unknown>): Promise<void> {
  const after: (() => void)[] = []
  const clauses = writes.flatMap(w => clausesOf(w, merchant, main, after))
  // Nothing differs from what the database holds (a small collection set to what it was).
  if (clauses.length === 0) return
  const rows = writes.reduce((n, w) => n + w.rows.length, 0)
  if (rows <= SLICE) {
    const ctes = sql.join(clauses.map((c, i) => sql`${sql.raw(`w${i}`)} AS (${c})`), sql`, `)
    await sql`WITH ${ctes} ${fence}`.execute(db)
  }
  else {
    await db.transaction().execute(async (trx) => {
      await fence.execute(trx)
      for (const c of clauses) await c.execute(trx)
    })
  }
  for (const f of after) f()
}
