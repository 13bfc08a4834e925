/**
 * The benchmark cases. Each runs in a process of its own (see run.ts), so its peak RSS is its own;
 * each returns its figures, with the baseline it is compared with where there is one.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { DataFile } from 'lowdb/node'
import { Low } from 'lowdb'
import { createMemoryChartRenderer } from '../src/adapters/charts/memory-renderer.js'
import { toCsv } from '../src/adapters/csv.js'
import { createMemoryChat, createMemoryContacts } from '../src/adapters/memory/chat.js'
import { dataDirOf } from '../src/adapters/store/layout.js'
import { openFileStore, writeAll } from '../src/adapters/store/file-store.js'
import { dbSchema, SCHEMA_VERSION, type DbData } from '../src/adapters/store/schema.js'
import { createStateStore } from '../src/adapters/store/state-store.js'
import { parseConfig } from '../src/app/config.js'
import { commandWords } from '../src/app/commands/index.js'
import { createRouter } from '../src/app/router/router.js'
import { silentLogger } from '../src/domain/logger.js'
import { parseMessage } from '../src/domain/order/parse-message.js'
import type { Store } from '../src/domain/ports.js'
import { classifyCustomers } from '../src/domain/segment/classify.js'
import { quantile } from '../src/domain/segment/merchant.js'
import { DEFAULT_POLICY } from '../src/domain/segment/policy.js'
import type { IncomingMessage } from '../src/domain/types.js'
import { simulateMerchant } from '../src/sim/dormancy-eval.js'
import { AGENTS, agentContact, agentName, buildDatabase, messageMix, orderMessage, seeded } from './data.js'

export interface Figure {
  name: string
  value: number
  unit: string
  what: string
  baseline?: { value: number, what: string }
  target?: { value: number, better: 'higher' | 'lower' }
}

export interface CaseDef {
  name: string
  quick: boolean
  /** Measures only a baseline (the naive way): its memory is not wxcrm's. */
  baseline?: boolean
  /** Cases of a group (`pg`) run only when the group is named: `npm run bench -- pg`. */
  group?: string
  run: (quick: boolean) => Promise<Figure[]>
}

export const NOW = new Date('2026-11-23T02:00:00.000Z')
export const TODAY = '2026-11-23'

/** The median of some timings (the project's own interpolated quantile). */
const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5)

export const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

// ---------------------------------------------------------------- prepared databases

/** A database of `orders` orders on disk, built once per machine and copied for each run. */
async function preparedCopy(orders: number, customers: number): Promise<{ file: string, cleanup: () => Promise<void> }> {
  const cache = join(tmpdir(), 'wxcrm-bench-cache', `db-${orders}-${customers}-v${SCHEMA_VERSION}`)
  const cached = join(cache, 'shop.json')
  if (!existsSync(cached)) {
    const data = buildDatabase(orders, customers)
    await writeAll(cached, dataDirOf(cached), data)
  }
  const dir = await mkdtemp(join(tmpdir(), 'wxcrm-bench-'))
  await cp(cache, dir, { recursive: true })
  return { file: join(dir, 'shop.json'), cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** The app's router over `store`, with in-memory chat: what ingest measures is recording and storing. */
export function benchRouter(store: Store) {
  const chat = createMemoryChat()
  const contacts = createMemoryContacts([
    { id: 'wx-boss', name: '老板', alias: null },
    ...Array.from({ length: AGENTS }, (_, k) => ({ id: agentContact(k), name: agentName(k), alias: null })),
  ])
  const config = parseConfig({ env: { WXCRM_ADMINS: '老板' } })
  const router = createRouter({ store, chat, contacts, clock: { now: () => NOW }, config, logger: silentLogger, charts: createMemoryChartRenderer(), csv: toCsv })
  return { router, chat }
}

export function orderMessages(count: number, firstCustomer: number, tag: string): IncomingMessage[] {
  const rand = seeded(3)
  return Array.from({ length: count }, (_, j) => {
    const k = j % AGENTS
    return {
      id: `${tag}-${j}`, text: orderMessage(firstCustomer + j, rand), senderId: agentContact(k), senderName: agentName(k), senderAlias: null,
      roomId: null, roomTopic: null, mentionIds: [], fromSelf: false, stale: false, sentAt: NOW.toISOString(),
    }
  })
}

/** Feeds messages with at most `window` in flight, as many agents reporting at once would. */
export async function feed(handle: (m: IncomingMessage) => Promise<void>, messages: readonly IncomingMessage[], window: number): Promise<void> {
  let next = 0
  async function lane(): Promise<void> {
    while (next < messages.length) await handle(messages[next++]!)
  }
  await Promise.all(Array.from({ length: window }, lane))
}

// ---------------------------------------------------------------- cases

/** Orders acknowledged per second with `stored` orders already in the database, and the longest stall. */
async function ingest(stored: number, customers: number, count: number): Promise<{ perSecond: number, stallMs: number, acked: number }> {
  const { file, cleanup } = await preparedCopy(stored, customers)
  const store = await openFileStore({ file, today: () => TODAY, now: () => NOW, backupsKept: 0, flushAfterMs: 1_000 })
  const { router, chat } = benchRouter(store)
  const messages = orderMessages(count, customers + 1, 'ingest')
  // Warm the code paths first (not counted): the first couple of thousand orders run at a fraction of
  // the steady rate while the JIT compiles the parser and the message path.
  await feed(m => router.handle(m), orderMessages(2_000, customers + 10_000_000, 'warm'), 20)
  await store.flushAll()
  gc()
  const sentBefore = chat.sent.length
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  const t0 = performance.now()
  await feed(m => router.handle(m), messages, 200)
  const seconds = (performance.now() - t0) / 1000
  // The parts rewritten after the burst are part of persisting it.
  await store.flushAll()
  delay.disable()
  const acked = chat.sent.slice(sentBefore).filter(s => s.text.includes('已记录')).length
  await store.close()
  await cleanup()
  if (acked !== count) throw new Error(`only ${acked} of ${count} orders were acknowledged`)
  return { perSecond: acked / seconds, stallMs: delay.max / 1e6, acked }
}

/**
 * lowdb's file adapter with compact JSON. (Its JSONFile pretty-prints, and at a million orders that
 * text is longer than V8's longest string: it cannot be written at all.)
 */
function compactFile(file: string): DataFile<DbData> {
  return new DataFile<DbData>(file, { parse: JSON.parse, stringify: data => JSON.stringify(data) })
}

/** The naive way: the same router, but the whole lowdb file is written once per order. */
async function naiveIngest(stored: number, customers: number, count: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'wxcrm-naive-'))
  const data = buildDatabase(stored, customers)
  const db = new Low<DbData>(compactFile(join(dir, 'shop.json')), data)
  const store = createStateStore(data, { commit: () => db.write() })
  await db.write()
  const { router, chat } = benchRouter(store)
  const messages = orderMessages(count, customers + 1, 'naive')
  gc()
  const t0 = performance.now()
  for (const m of messages) await router.handle(m)
  const seconds = (performance.now() - t0) / 1000
  const acked = chat.sent.filter(s => s.text.includes('已记录')).length
  await rm(dir, { recursive: true, force: true })
  if (acked !== count) throw new Error(`naive: only ${acked} of ${count} orders were acknowledged`)
  return acked / seconds
}

const NAIVE_NOTE = 'naive: same router, whole lowdb file written per order'

export const CASES: CaseDef[] = [
  {
    name: 'parse',
    quick: true,
    async run(quick) {
      const messages = messageMix(quick ? 5_000 : 20_000)
      const options = { today: TODAY, products: [], commandWords: commandWords() }
      const times: number[] = []
      const base: number[] = []
      let sink = 0
      for (let r = 0; r < (quick ? 3 : 7); r++) {
        let t = performance.now()
        for (const m of messages) sink += parseMessage(m, options).kind.length
        times.push(performance.now() - t)
        t = performance.now()
        for (const m of messages) sink += m.normalize('NFKC').split(/[\s，,]+/).length
        base.push(performance.now() - t)
      }
      if (sink === 0) throw new Error('nothing parsed')
      const perS = messages.length / (median(times.slice(1)) / 1000)
      return [{
        name: 'parse_msgs_per_s', value: perS, unit: 'msg/s', what: `order parser over a mix of ${messages.length} chat messages (10 forms)`,
        baseline: { value: messages.length / (median(base.slice(1)) / 1000), what: 'NFKC + split into words only' },
        target: { value: 20_000, better: 'higher' },
      }]
    },
  },
  {
    name: 'ingest_10k',
    quick: true,
    async run(quick) {
      const r = await ingest(10_000, 2_000, quick ? 2_000 : 10_000)
      const naive = await naiveIngest(10_000, 2_000, quick ? 50 : 200)
      return [
        { name: 'ingest_acked_per_s_10k', value: r.perSecond, unit: 'orders/s', what: `${r.acked} orders acknowledged, 10k stored`, baseline: { value: naive, what: NAIVE_NOTE } },
        { name: 'stall_max_ms_10k', value: r.stallMs, unit: 'ms', what: 'longest event-loop pause during that ingest and the part rewrites after it' },
      ]
    },
  },
  {
    name: 'ingest_100k',
    quick: false,
    async run() {
      const r = await ingest(100_000, 20_000, 10_000)
      return [
        { name: 'ingest_acked_per_s_100k', value: r.perSecond, unit: 'orders/s', what: `${r.acked} orders acknowledged, 100k stored` },
        { name: 'stall_max_ms_100k', value: r.stallMs, unit: 'ms', what: 'longest event-loop pause while persisting, 100k stored', target: { value: 100, better: 'lower' } },
      ]
    },
  },
  {
    name: 'ingest_1m',
    quick: false,
    async run() {
      const r = await ingest(1_000_000, 100_000, 20_000)
      return [
        { name: 'ingest_acked_per_s_1m', value: r.perSecond, unit: 'orders/s', what: `${r.acked} orders acknowledged, 1M stored`, target: { value: 10_000, better: 'higher' } },
        { name: 'stall_max_ms_1m', value: r.stallMs, unit: 'ms', what: 'longest event-loop pause while persisting, 1M stored', target: { value: 100, better: 'lower' } },
      ]
    },
  },
  {
    name: 'naive_1m',
    quick: false,
    baseline: true,
    async run() {
      return [{ name: 'naive_acked_per_s_1m', value: await naiveIngest(1_000_000, 100_000, 3), unit: 'orders/s', what: `${NAIVE_NOTE}, 1M stored (3 orders)` }]
    },
  },
  {
    name: 'latency',
    quick: true,
    async run(quick) {
      const { latency } = await import('./latency.js')
      const r = await latency(quick ? 5 : 30, 50)
      return [
        { name: 'latency_p50_ms', value: r.p50, unit: 'ms', what: `order → confirmation through the real transport, ${r.count} orders at 50 msg/s, 10 agents` },
        { name: 'latency_p99_ms', value: r.p99, unit: 'ms', what: 'the same, 99th percentile', target: { value: 150, better: 'lower' } },
      ]
    },
  },
  classifyCase('classify_10k_s', 10_000, '10k customers / ~100k orders', true),
  classifyCase('classify_100k_s', 100_000, '100k customers / ~1M orders', false, 2),
  {
    name: 'cold_start_1m',
    quick: false,
    async run() {
      const { file, cleanup } = await preparedCopy(1_000_000, 100_000)
      gc()
      const t0 = performance.now()
      // As the bot opens it: older order parts are read after the store answers.
      const store = await openFileStore({ file, today: () => TODAY, now: () => NOW, backupsKept: 0, olderOrdersLater: true })
      const { router, chat } = benchRouter(store)
      await router.handle(orderMessages(1, 50_000_000, 'cold')[0]!)
      const seconds = (performance.now() - t0) / 1000
      await store.whenLoaded()
      const complete = (performance.now() - t0) / 1000
      if (!chat.sent[0]?.text.includes('已记录')) throw new Error(`no confirmation: ${chat.sent[0]?.text}`)
      await store.close()
      await cleanup()
      return [
        { name: 'cold_start_1m_s', value: seconds, unit: 's', what: 'open a database of 1M orders and confirm one order', target: { value: 2, better: 'lower' } },
        { name: 'cold_complete_1m_s', value: complete, unit: 's', what: 'the same, until every older order is in memory (questions wait until then)' },
      ]
    },
  },
  {
    name: 'cold_single_1m',
    quick: false,
    baseline: true,
    async run() {
      const dir = await mkdtemp(join(tmpdir(), 'wxcrm-single-'))
      const file = join(dir, 'shop.json')
      const db = new Low<DbData>(compactFile(file), buildDatabase(1_000_000, 100_000))
      await db.write()
      db.data = null as unknown as DbData
      gc()
      const t0 = performance.now()
      const single = new Low<DbData>(compactFile(file), null as unknown as DbData)
      await single.read()
      const ok = dbSchema.safeParse({ ...single.data, schemaVersion: 5 }).success
      const seconds = (performance.now() - t0) / 1000
      await rm(dir, { recursive: true, force: true })
      if (!ok) throw new Error('the single file did not validate')
      return [{ name: 'cold_single_1m_s', value: seconds, unit: 's', what: 'baseline: read + check the same 1M orders as one lowdb file' }]
    },
  },
]

function classifyCase(name: string, n: number, label: string, quick: boolean, target?: number): CaseDef {
  return {
    name,
    quick,
    async run() {
      const histories = simulateMerchant({ name: `bench-${n}`, params: { r: 2, alpha: 25, a: 0.6, b: 8 }, n, seed: 1 }).histories
      const times: number[] = []
      classifyCustomers(histories, '2026-06-30', DEFAULT_POLICY)
      for (let i = 0; i < 5; i++) {
        gc()
        const t0 = performance.now()
        classifyCustomers(histories, '2026-06-30', DEFAULT_POLICY)
        times.push(performance.now() - t0)
      }
      return [{ name, value: median(times) / 1000, unit: 's', what: `fit + classify, ${label}`, ...(target === undefined ? {} : { target: { value: target, better: 'lower' as const } }) }]
    },
  }
}

