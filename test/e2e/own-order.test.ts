/**
 * A customer's own orders through the real transport (PuppetServer + wechaty-puppet-service on
 * 127.0.0.1) on a lowdb file: the first links their WeChat, the second — in their own words — is
 * recorded too, one naming someone else reaches their agent, and a stranger hears nothing.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import type { BotApp } from '../../src/bot.js'
import { readDatabase } from '../helpers/db.js'
import { botConfig, type Gateway, Inbox, startBot, startGateway } from '../helpers/gateway.js'

let gw: Gateway
let app: BotApp
let dbFile: string
let wang: mock.ContactMock
let sunny: mock.ContactMock
let wangInbox: Inbox
let sunnyInbox: Inbox

beforeAll(async () => {
  gw = await startGateway()
  const boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  sunny = gw.mocker.createContact({ name: 'Sunny' })
  const room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
  wangInbox = new Inbox(wang, gw.self.id)
  sunnyInbox = new Inbox(sunny, gw.self.id)
  dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-own-')), 'db.json')
  // The agent's alerts go out at any hour of the test run, without pauses.
  const fileText = JSON.stringify({ sending: { quietHours: { start: '00:00', end: '00:00' }, gapSeconds: { min: 0, max: 0 } } })
  const store = await openFileStore({ file: dbFile, today: () => '2026-11-23' })
  app = await startBot(gw, store, botConfig(gw, dbFile, { fileText, env: { WXCRM_ADMINS: '老板' } }))
  const group = new Inbox(room, gw.self.id)
  expect(await group.after(() => boss.say('代理 添加 小王').to(room))).toContain('已添加代理：小王')
  expect(await group.after(() => wang.say('张三 13800138000 面膜2盒 398 已付').to(room))).toContain('已记录')
}, 60_000)

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

describe('a customer\'s own orders through the transport', () => {
  it('the first (with their phone) links them, the second in their own words is recorded too; the agent hears of both', async () => {
    expect(await sunnyInbox.after(() => sunny.say('面膜2盒 398 13800138000').to(gw.self))).toBe('✅ 已收到您的订单：面膜×2盒 ¥398。我们会尽快和您确认。')
    expect(await sunnyInbox.after(() => sunny.say('您好，再给我来两盒面膜吧').to(gw.self))).toBe('✅ 已收到您的订单：面膜×2盒。我们会尽快和您确认。')
    expect(await wangInbox.nth(2, 20_000)).toMatch(/^🛒 客户 张三 自己在微信上下单了：#\d+ 面膜×2盒/)
    await app.drain()
    const orders = readDatabase(dbFile).orders.filter(o => o.recordedBy === sunny.id)
    expect(orders).toHaveLength(2)
  }, 45_000)

  it('one naming someone else reaches the agent with who sent it; the customer hears it was passed on', async () => {
    const before = wangInbox.received.length
    expect(await sunnyInbox.after(() => sunny.say('李四 精华1瓶 199').to(gw.self))).toBe('📨 收到！这条订单已转给负责您的同事，TA 会尽快和您确认。')
    expect(await wangInbox.nth(before + 1, 20_000)).toBe('📨 客户 张三（微信：Sunny）发来一条订单，没能自动记录（写的客户是“李四”），请跟进：\n“李四 精华1瓶 199”')
  }, 45_000)

  it('a stranger ordering with a phone no one has hears nothing', async () => {
    const stranger = gw.mocker.createContact({ name: '路人' })
    const inbox = new Inbox(stranger, gw.self.id)
    stranger.say('面膜2盒 398 13700137000').to(gw.self)
    await app.drain()
    await new Promise(r => setTimeout(r, 500))
    await app.drain()
    expect(inbox.received).toEqual([])
  }, 20_000)
})
