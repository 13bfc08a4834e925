/**
 * The database's migrations: numbered, forward only, each run once in the transaction that records
 * it, all of them under a transaction-level advisory lock, so bots starting at the same time wait for
 * one another instead of creating a table twice. After the numbered steps, every collection's table
 * is created when missing (tables.ts): a collection a later version adds reaches the database with
 * no migration of its own. Data written by an older wxcrm is brought up to date when a merchant is
 * opened (the same `migrate` as the file store's).
 */
import { sql, type Kysely } from 'kysely'
import { createTableSql, TABLES } from './tables.js'

/** The advisory lock key of migrations (`wxcr` as a number), beside the merchants' own locks. */
export const LOCK_CLASS = 0x77786372

export interface Migration { version: number, what: string, sql: string[] }

/**
 * Every migration, in order. Never edit one that was released: add the next. (Step 2 is the one
 * derived from the descriptors: it creates only what is missing, as the step after the list does.)
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'the merchants of this database and the version of their data',
    sql: [
      `CREATE TABLE wxcrm_merchants (merchant_id text PRIMARY KEY, schema_version integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    ],
  },
  {
    version: 2,
    what: 'a table per collection, from the collection descriptors',
    sql: TABLES.flatMap(createTableSql),
  },
  {
    version: 3,
    what: 'each merchant\'s generation, bumped by every bot that opens it (a bot that lost its lock takes it again only if no other came in between)',
    sql: [`ALTER TABLE wxcrm_merchants ADD COLUMN generation bigint NOT NULL DEFAULT 0`],
  },
]

export const LATEST = MIGRATIONS.at(-1)!.version

/** Brings the database up to `upTo` (the latest by default); returns the versions it applied. */
export async function runMigrations(db: Kysely<unknown>, upTo = LATEST): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, 0)`.execute(trx)
    await sql`CREATE TABLE IF NOT EXISTS wxcrm_migrations (version integer PRIMARY KEY, what text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx)
    const done = new Set((await sql<{ version: number }>`SELECT version FROM wxcrm_migrations`.execute(trx)).rows.map(r => r.version))
    const applied: number[] = []
    for (const m of MIGRATIONS) {
      if (m.version > upTo || done.has(m.version)) continue
      for (const statement of m.sql) await sql.raw(statement).execute(trx)
      await sql`INSERT INTO wxcrm_migrations (version, what) VALUES (${m.version}, ${m.what})`.execute(trx)
      applied.push(m.version)
    }
    // Collections added after the last numbered step get their tables here.
    if (upTo === LATEST) for (const statement of TABLES.flatMap(createTableSql)) await sql.raw(statement).execute(trx)
    return applied
  })
}

/** The versions applied so far (empty for a database wxcrm never used). */
export async function appliedMigrations(db: Kysely<unknown>): Promise<number[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('wxcrm_migrations')::text AS t`.execute(db)
  if (!exists.rows[0]?.t) return []
  return (await sql<{ version: number }>`SELECT version FROM wxcrm_migrations ORDER BY version`.execute(db)).rows.map(r => r.version)
}
