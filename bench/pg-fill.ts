/**
 * Fills a PostgreSQL database with generated merchants, in a process of its own (so the bench case's
 * peak RSS is the engine's, not the generator's): `tsx bench/pg-fill.ts <url> <json list of merchants>`.
 */
import { sql } from 'kysely'
import { runMigrations } from '../src/adapters/store/pg/migrations.js'
import { createPgDb, replaceMerchant } from '../src/adapters/store/pg/pg-store.js'
import { buildDatabase } from './data.js'

const [url, list] = process.argv.slice(2)
const merchants = JSON.parse(list!) as { name: string, orders: number, customers: number }[]
const db = createPgDb(url!)
await runMigrations(db)
for (const [i, m] of merchants.entries()) await replaceMerchant(db, m.name, buildDatabase(m.orders, m.customers, 7 + i))
await sql`VACUUM ANALYZE`.execute(db)
await db.destroy()
