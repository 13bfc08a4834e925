/**
 * Scheduled outreach through the real transport (PuppetServer + wechaty-puppet-service on 127.0.0.1):
 * `任务 nudge` makes the agent receive their nudge, `任务 digest` the admin theirs, via the outbox.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import type { BotApp } from '../../src/bot.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { botConfig, type Gateway, Inbox, startBot, startGateway, waitFor } from '../helpers/gateway.js'

let gw: Gateway
let app: BotApp
let boss: mock.ContactMock
let wang: mock.ContactMock
let bossInbox: Inbox
let wangInbox: Inbox
let store: Awaited<ReturnType<typeof openFileStore>>

beforeAll(async () => {
  gw = await startGateway()
  boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  bossInbox = new Inbox(boss, gw.self.id)
  wangInbox = new Inbox(wang, gw.self.id)
  const dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-out-')), 'db.json')
  // Sending at any hour of the test run, without pauses.
  const fileText = JSON.stringify({ sending: { quietHours: { start: '00:00', end: '00:00' }, gapSeconds: { min: 0, max: 0 } } })
  const config = botConfig(gw, dbFile, { fileText })
  store = await openFileStore({ file: dbFile, today: () => '2026-11-23' })
  store.admins.add({ contactId: boss.id, name: '老板', boundAt: new Date().toISOString() })
  store.agents.add({ id: 'a1', name: '小王', contactId: wang.id, addedAt: new Date().toISOString(), active: true })
  store.customers.add(aCustomer({ id: 'c1', name: '王五', agentId: 'a1' }))
  for (const [no, placedOn] of [[1, '2025-06-01'], [2, '2025-07-01'], [3, '2025-08-01']] as const)
    store.orders.add(anOrder({ id: `o${no}`, no, customerId: 'c1', agentId: 'a1', placedOn }))
  await store.commit()
  app = await startBot(gw, store, config)
  expect(await bossInbox.after(() => boss.say('任务 reclassify').to(gw.self), 20_000)).toContain('已按')
}, 60_000)

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

describe('outreach jobs through the transport', () => {
  it('任务 nudge: the agent receives their nudge', async () => {
    expect(await bossInbox.after(() => boss.say('任务 nudge').to(gw.self), 20_000)).toContain('已放入发件箱 1 条')
    const nudge = await wangInbox.nth(1, 20_000)
    expect(nudge).toContain('小王，今天有 1 位客户值得联系')
    expect(nudge).toContain('王五')
  }, 45_000)

  it('任务 digest: the admin receives theirs, with the pyramid', async () => {
    const before = bossInbox.received.length
    boss.say('任务 digest').to(gw.self)
    // The command's answer and the digest itself may arrive in either order.
    await waitFor(() => bossInbox.received.length >= before + 3, 20_000, 'the answer, the digest and its chart')
    const texts = bossInbox.received.slice(before).map(r => r.text)
    expect(texts.some(t => t.includes('已放入发件箱 1 条'))).toBe(true)
    expect(texts.some(t => t.includes('📋 每日简报') && t.includes('新转入睡眠：1 位：王五'))).toBe(true)
    await waitFor(() => store.outbox.all().some(e => e.kind === 'digest' && e.status === 'sent'), 10_000, 'the digest marked sent')
    expect(store.outbox.all().filter(e => e.kind === 'digest').map(e => [e.status, e.file?.name.startsWith('客户金字塔')])).toEqual([['sent', true]])
  }, 45_000)

  it('a customer\'s own order: their agent is told at once, not at the next job run', async () => {
    store.customers.add(aCustomer({ id: 'c2', name: '赵六', agentId: 'a1', phone: '13900139000' }))
    await store.commit()
    const zhao = gw.mocker.createContact({ name: '赵六的微信' })
    const zhaoInbox = new Inbox(zhao, gw.self.id)
    expect(await zhaoInbox.after(() => zhao.say('面膜2盒 398 13900139000').to(gw.self), 20_000)).toContain('已收到您的订单')
    await waitFor(() => wangInbox.received.some(r => r.text.includes('客户 赵六 自己在微信上下单了')), 20_000, 'the alert to 小王')
  }, 45_000)
})
