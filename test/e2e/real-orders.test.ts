/**
 * Real-chat order forms end to end: through wechaty-puppet-service on 127.0.0.1 to a PuppetServer wrapping
 * the mock WeChat, on a real lowdb file. A 接龙 copied again records only its new entries, also after
 * a restart; a store list with its buyer on the last line is one order; chatter stays silent.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { mock } from 'wechaty-puppet-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BotApp } from '../../src/bot.js'
import { readDatabase } from '../helpers/db.js'
import { type Gateway, Inbox, startBotOnFile, startGateway } from '../helpers/gateway.js'

let gw: Gateway
let dbFile: string
let app: BotApp
let boss: mock.ContactMock
let wang: mock.ContactMock
let room: mock.RoomMock
let inbox: Inbox

const startApp = (): Promise<BotApp> => startBotOnFile(gw, dbFile)

beforeAll(async () => {
  gw = await startGateway()
  dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-real-')), 'db.json')
  boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
  inbox = new Inbox(room, gw.self.id)
  app = await startApp()
})

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

const CHAIN = '#接龙🥗 周五晚餐\n例 桃子 1份晚餐\n\n1. 桃子 2份晚餐\n2. 王阿姨 1份晚餐'

type Row = { customerId: string, lines: { name: string, qty: number | null }[], sourceMessageId: string }

async function silent(say: () => void): Promise<void> {
  const before = inbox.received.length
  say()
  await app.drain()
  await new Promise(r => setTimeout(r, 500))
  await app.drain()
  expect(inbox.received.length).toBe(before)
}

describe('real-chat orders through the gateway', () => {
  it('records each 接龙 entry once, however often the chain is copied', async () => {
    expect(await inbox.after(() => boss.say('代理 添加 小王').to(room))).toContain('已添加代理：小王')
    expect(await inbox.after(() => wang.say(CHAIN).to(room))).toMatch(/❓[\s\S]*桃子：晚餐×2份[\s\S]*王阿姨：晚餐×1份[\s\S]*确认/)
    expect(await inbox.after(() => wang.say('确认').to(room))).toMatch(/已记录 2 单/)
    const copy = await inbox.after(() => wang.say(`${CHAIN}\n3. Leon 3份晚餐`).to(room))
    expect(copy).toMatch(/Leon：晚餐×3份/)
    expect(copy).not.toContain('桃子')
    expect(await inbox.after(() => wang.say('确认').to(room))).toMatch(/已记录[\s\S]*Leon/)
    expect(readDatabase(dbFile).orders).toHaveLength(3)
  })

  it('still knows the chain after a restart on the same file', async () => {
    await app.stop()
    app = await startApp()
    await silent(() => wang.say(`${CHAIN}\n3. Leon 3份晚餐`).to(room))
    const orders = readDatabase(dbFile).orders as Row[]
    expect(orders).toHaveLength(3)
    expect(new Set(orders.map(o => o.sourceMessageId)).size).toBe(3)
  })

  it('reads a store list with its buyer on the last line as one order, and stays silent on chatter', async () => {
    const question = await inbox.after(() => wang.say('无米粿：韭菜30、萝卜干8、竹笋8\n菜头丸26\n刘雅琴').to(room))
    expect(question).toMatch(/刘雅琴：无米粿-韭菜×30、无米粿-萝卜干×8、无米粿-竹笋×8、菜头丸×26 金额待补/)
    expect(await inbox.after(() => wang.say('确认').to(room))).toMatch(/已记录[\s\S]*刘雅琴/)
    await silent(() => wang.say('今天好累啊，发了三个快递').to(room))
    const db = readDatabase(dbFile)
    const liu = (db.customers as { id: string, name: string }[]).find(c => c.name === '刘雅琴')
    const order = (db.orders as Row[]).find(o => o.customerId === liu?.id)
    expect(order?.lines.map(l => [l.name, l.qty])).toEqual([['无米粿-韭菜', 30], ['无米粿-萝卜干', 8], ['无米粿-竹笋', 8], ['菜头丸', 26]])
  })
})
