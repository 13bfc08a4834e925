/**
 * End to end through the real transport: the bot connects with wechaty-puppet-service over gRPC on
 * 127.0.0.1 to a PuppetServer wrapping the mock WeChat, records on a real lowdb file, and is
 * restarted on the same file.
 */
import { mkdtempSync } from 'node:fs'
import { readDatabase } from '../helpers/db.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { mock } from 'wechaty-puppet-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '../../src/app/local-time.js'
import type { BotApp } from '../../src/bot.js'
import * as PUPPET from 'wechaty-puppet'
import { deliverTwice, type Gateway, Inbox, receivedFile, startBotOnFile, startGateway, waitFor } from '../helpers/gateway.js'

let gw: Gateway
let dbFile: string
let app: BotApp
let boss: mock.ContactMock
let wang: mock.ContactMock
let room: mock.RoomMock
let roomInbox: Inbox
let dmInbox: Inbox

const startApp = (): Promise<BotApp> => startBotOnFile(gw, dbFile)

beforeAll(async () => {
  gw = await startGateway()
  dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-')), 'db.json')
  boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
  roomInbox = new Inbox(room, gw.self.id)
  dmInbox = new Inbox(wang, gw.self.id)
  app = await startApp()
})

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

// 昨天 is the day before the merchant's today, on the real clock this test runs on (MM-DD).
const YESTERDAY = localDate(new Date(Date.now() - 86_400_000), 'Asia/Shanghai').slice(5)

// Each case: where the agent writes, the message, and what the reply must say.
const ORDERS: [where: 'room' | 'dm', text: string, expected: RegExp][] = [
  ['room', '张三 13800138000 面膜2盒 398 已付', /已记录[\s\S]*张三[\s\S]*¥398[\s\S]*已付/],
  ['room', '下单：李姐 精华×3 ¥597 未付', /李姐[\s\S]*¥597[\s\S]*未付/],
  ['room', '王五 13700137000 ¥199 洗面奶1支 货到付款', /王五[\s\S]*¥199[\s\S]*货到付款/],
  ['dm', '赵六 13600136000 面膜两盒 定金100 总价398', /赵六[\s\S]*¥398[\s\S]*定金¥100/],
  ['dm', '客户：孙七\n电话：13500135000\n地址：杭州市西湖区\n产品：精华\n数量：2瓶\n金额：398\n付款：已付', /孙七[\s\S]*¥398/],
  ['room', '周八 13400134000 面膜2盒+精华1瓶 597 已付', /周八[\s\S]*面膜[\s\S]*精华[\s\S]*¥597/],
  ['room', '吴九13300133000 矿泉水600ml*24瓶 4箱 192 已付', /吴九[\s\S]*¥192/],
  ['dm', '郑十 150-3569-6956 面膜三盒 五百九十七元 已付', /郑十[\s\S]*¥597/],
  ['room', '张三 13800138000 精华1瓶 199 昨天 已付', new RegExp(`张三[\\s\\S]*¥199[\\s\\S]*${YESTERDAY}`)],
  ['dm', '冯一 13200132000 面膜1盒 199 未付\n陈二 13100131000 精华2瓶 398 已付', /已记录 2 单[\s\S]*冯一[\s\S]*陈二/],
]

describe('an agent reports orders in WeChat through the gateway', () => {
  it('lets the admin add an agent by chat', async () => {
    const reply = await roomInbox.after(() => boss.say('代理 添加 小王').to(room))
    expect(reply).toContain('已添加代理：小王')
  })

  it('records orders of many forms, in the group and by direct message, and quotes each back', async () => {
    for (const [where, text, expected] of ORDERS) {
      const inbox = where === 'room' ? roomInbox : dmInbox
      const reply = await inbox.after(() => wang.say(text).to(where === 'room' ? room : gw.self))
      expect(reply, text).toMatch(expected)
      if (where === 'room') expect(reply, 'phone numbers are masked in groups').not.toMatch(/1[3-9]\d{9}/)
    }
  })

  it('answers a duplicate delivery once and records it once', async () => {
    const before = roomInbox.received.length
    const id = deliverTwice(gw, wang, '钱多多 13900139000 面膜1盒 199 已付', room)
    await roomInbox.nth(before + 1)
    await app.drain()
    await new Promise(r => setTimeout(r, 300))
    expect(roomInbox.received.length).toBe(before + 1)
    const db = readDatabase(dbFile)
    expect(db.orders.filter((o: { sourceMessageId: string }) => o.sourceMessageId === id)).toHaveLength(1)
  })

  it('asks about an incomplete order and records it after 确认', async () => {
    const question = await roomInbox.after(() => wang.say('刘姐 13888888888 面膜2盒 已付').to(room))
    expect(question).toMatch(/❓[\s\S]*刘姐[\s\S]*确认/)
    const confirmed = await roomInbox.after(() => wang.say('确认').to(room))
    expect(confirmed).toMatch(/已记录[\s\S]*刘姐/)
  })

  it('stays silent on chatter in the group', async () => {
    const before = roomInbox.received.length
    wang.say('今天天气不错，大家早上好').to(room)
    boss.say('明天发货吗？').to(room)
    await app.drain()
    await new Promise(r => setTimeout(r, 500))
    await app.drain()
    expect(roomInbox.received.length).toBe(before)
  })

  it('accepts an order the merchant types on the phone under the bot\'s own account, without answering itself', async () => {
    const before = roomInbox.received.length
    const text = '周老师 13911112222 面膜1盒 199 已付'
    roomInbox.typedBySelf(text)
    const reply = await roomInbox.after(() => gw.self.say(text).to(room))
    expect(reply).toMatch(/已记录[\s\S]*周老师/)
    await app.drain()
    await new Promise(r => setTimeout(r, 300))
    await app.drain()
    // Exactly the one reply: the bot did not treat its own answer as a new message.
    expect(roomInbox.received.length).toBe(before + 1)
  })

  it('records backlog delivered late after login but does not answer it', async () => {
    const before = roomInbox.received.length
    const id = deliverTwice(gw, wang, '晚到 13922223333 面膜1盒 199 已付', room, Date.now() - 2 * 3600_000)
    await waitFor(() => readDatabase(dbFile).orders.some((o: { sourceMessageId: string }) => o.sourceMessageId === id), 10_000, 'the late order on disk')
    await app.drain()
    expect(roomInbox.received.length).toBe(before)
  })

  it('sends the admin a PNG chart and a CSV export privately when asked in the group', async () => {
    const bossInbox = new Inbox(boss, gw.self.id)
    expect(await roomInbox.after(() => boss.say('图表 金字塔').to(room))).toContain('已私聊发给你')
    await bossInbox.nth(1)
    const chart = bossInbox.received[0]!
    expect(chart.type).toBe(PUPPET.types.Message.Image)
    const png = await receivedFile(gw, chart.id)
    expect(png.name).toMatch(/^客户金字塔-\d{4}-\d{2}-\d{2}\.png$/)
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    // IHDR: width and height, big-endian, at bytes 16–23.
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1080, 1350])

    const roomFilesBefore = roomInbox.received.filter(r => r.type !== PUPPET.types.Message.Text).length
    await roomInbox.after(() => boss.say('导出').to(room))
    await bossInbox.nth(3)
    const csvMessage = bossInbox.received.find(r => r.type !== PUPPET.types.Message.Text && r.id !== chart.id)!
    const csv = await receivedFile(gw, csvMessage.id)
    expect(roomInbox.received.filter(r => r.type !== PUPPET.types.Message.Text)).toHaveLength(roomFilesBefore)
    expect(csv.name).toMatch(/\.csv$/)
    const text = csv.bytes.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = text.slice(1).trim().split('\n').map(r => r.split(','))
    const col = (name: string): number => header!.indexOf(name)
    const db = readDatabase(dbFile)
    expect(rows.map(r => r[0]).sort()).toEqual(db.customers.map((c: { id: string }) => c.id).sort())
    for (const row of rows) {
      const customer = db.customers.find((c: { id: string }) => c.id === row[0])!
      expect(row[2]).toBe(customer.name)
      expect(row[3]).toBe(customer.phone ?? '')
      const standing = db.orders.filter((o: { customerId: string, status: string }) => o.customerId === customer.id && o.status === 'active')
      expect(Number(row[col('订单数')])).toBe(standing.length)
      const spent = standing.reduce((sum: number, o: { amountFen: number | null, refundedFen: number }) => sum + Math.max(0, (o.amountFen ?? 0) - o.refundedFen), 0)
      expect(row[col('累计消费(元)')]).toBe((spent / 100).toFixed(2))
      expect(['忠诚型', '快速成长型', '值得重视培养', '睡眠型', '']).toContain(row[col('分组')])
    }
  })

  it('has every confirmed order exactly once after a restart on the same file', async () => {
    await app.stop()
    app = await startApp()
    const names = ['张三', '李姐', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '冯一', '陈二', '钱多多', '刘姐', '周老师', '晚到']
    const db = readDatabase(dbFile)
    const customerName = new Map(db.customers.map((c: { id: string, name: string }) => [c.id, c.name]))
    const orders = db.orders as { customerId: string, sourceMessageId: string, status: string }[]
    expect(orders).toHaveLength(15)
    for (const n of names) expect(orders.some(o => customerName.get(o.customerId) === n), n).toBe(true)
    expect(new Set(orders.map(o => `${o.sourceMessageId}/${o.customerId}`)).size).toBe(orders.length)
    expect(orders.filter(o => customerName.get(o.customerId) === '张三')).toHaveLength(2)
    // The restarted bot answers from the same records.
    const reply = await roomInbox.after(() => wang.say('撤销').to(room))
    expect(reply).toMatch(/已撤销[\s\S]*晚到/)
    expect(reply).not.toMatch(/1[3-9]\d{9}/)
  })
})
