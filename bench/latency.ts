/**
 * Confirmation latency through the real transport: a PuppetServer wrapping the mock WeChat on
 * 127.0.0.1, the bot connected with wechaty-puppet-service, a database with 10k orders (a file, or
 * PostgreSQL). Ten
 * agents report orders in the group at a steady rate; each order's time runs from the agent's message
 * to the bot's confirmation arriving back in the group.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataDirOf } from '../src/adapters/store/layout.js'
import { openFileStore, writeAll } from '../src/adapters/store/file-store.js'
import type { DbData } from '../src/adapters/store/schema.js'
import type { Store } from '../src/domain/ports.js'
import { quantile } from '../src/domain/segment/merchant.js'
import { botConfig, Inbox, startBot, startGateway, waitFor } from '../test/helpers/gateway.js'
import { AGENTS, buildDatabase, customerName, orderMessage, seeded } from './data.js'

/** Where the bot keeps the prepared merchant: the database file `file`, or a PostgreSQL server (closed with `done`). */
export type LatencyStore = (data: DbData, file: string) => Promise<{ store: Store, done: () => Promise<void> }>

const onFile: LatencyStore = async (data, file) => {
  await writeAll(file, dataDirOf(file), data)
  return { store: await openFileStore({ file, today: () => '2026-11-23', backupsKept: 0 }), done: async () => {} }
}

export async function latency(seconds: number, perSecond: number, engine: LatencyStore = onFile): Promise<{ p50: number, p99: number, count: number }> {
  const gw = await startGateway()
  const boss = gw.mocker.createContact({ name: '老板' })
  const agents = Array.from({ length: AGENTS }, (_, k) => gw.mocker.createContact({ name: `代理${k}` }))
  const room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, ...agents.map(a => a.id)] })
  const inbox = new Inbox(room, gw.self.id)
  const dir = await mkdtemp(join(tmpdir(), 'wxcrm-latency-'))
  const file = join(dir, 'shop.json')
  const data = buildDatabase(10_000, 2_000)
  data.agents.forEach((a, k) => { a.contactId = agents[k]!.id })
  data.admins = [{ contactId: boss.id, name: '老板', boundAt: '2023-01-01T00:00:00.000Z' }]
  const { store, done } = await engine(data, file)
  const app = await startBot(gw, store, botConfig(gw, file, { env: { WXCRM_ADMINS: '老板' } }))
  // A few orders first to warm every path (not counted).
  const rand = seeded(5)
  for (let i = 0; i < 20; i++) agents[i % AGENTS]!.say(orderMessage(900_000 + i, rand)).to(room)
  await waitFor(() => inbox.received.length >= 20, 30_000, 'warm-up confirmations')
  const warm = inbox.received.length

  const count = seconds * perSecond
  const sentAt = new Map<string, number>()
  const t0 = Date.now()
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / perSecond
    const wait = due - Date.now()
    if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait))
    const n = 1_000_000 + i
    sentAt.set(customerName(n), Date.now())
    agents[i % AGENTS]!.say(orderMessage(n, rand)).to(room)
  }
  await waitFor(() => inbox.received.length >= warm + count, 60_000, `${count} confirmations`)
  const latencies: number[] = []
  for (const r of inbox.received.slice(warm)) {
    const name = [...sentAt.keys()].find(n => r.text.includes(n))
    if (name === undefined || !r.text.includes('已记录')) throw new Error(`unexpected reply: ${r.text}`)
    latencies.push(r.at - sentAt.get(name)!)
    sentAt.delete(name)
  }
  await app.stop()
  await done()
  await gw.stop()
  await rm(dir, { recursive: true, force: true })
  latencies.sort((a, b) => a - b)
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), count: latencies.length }
}
