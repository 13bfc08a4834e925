/**
 * The merchant's and agents' questions through the router's front door (in-memory adapters): every
 * command × every role, who may see what, private answers in rooms, and the text of 概览 and 客户.
 */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { dateOfDay, dayNumber } from '../../src/domain/calendar.js'
import type { Store } from '../../src/domain/ports.js'
import { SENT_PRIVATELY } from '../../src/app/router/router.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { makeTestApp, NOW } from '../helpers/test-app.js'

const TODAY = '2026-11-23'
const ago = (days: number): string => dateOfDay(dayNumber(TODAY) - days)

/** 小王 (a1) has 张三, 李四, 周七; 小李 (a2) has 王五, 赵六, 周七 (another one); the merchant has 钱八. */
function seeded(): Store {
  const store = createMemoryStore()
  store.agents.add({ id: 'a1', name: '小王', contactId: 'wx-wang', addedAt: NOW.toISOString(), active: true })
  store.agents.add({ id: 'a2', name: '小李', contactId: 'wx-li', addedAt: NOW.toISOString(), active: true })
  const people: [id: string, name: string, agent: string | null, phone: string, ages: number[], yuan: number][] = [
    ['c1', '张三', 'a1', '13800138000', [300, 240, 180, 120, 60, 20], 398],
    ['c2', '李四', 'a1', '13900139000', [400, 380, 360, 340], 199],
    ['c3', '王五', 'a2', '13700137000', [200, 150, 100, 50, 10], 598],
    ['c4', '赵六', 'a2', '13600136000', [15], 99],
    ['c5', '周七', 'a1', '13500135000', [90, 30], 150],
    ['c6', '周七', 'a2', '13400134000', [120], 150],
    ['c7', '钱八', null, '13300133000', [500, 450, 400], 1200],
  ]
  let no = 0
  for (const [id, name, agentId, phone, ages, yuan] of people) {
    store.customers.add(aCustomer({ id, name, agentId, phone }))
    for (const age of ages) {
      no++
      store.orders.add(anOrder({ id: `o${no}`, no, customerId: id, agentId, placedOn: ago(age), amountFen: yuan * 100, payment: 'paid', paidFen: yuan * 100 }))
    }
  }
  for (let i = 0; i < no; i++) store.nextSeq('order')
  for (let i = 0; i < people.length; i++) store.nextSeq('customer')
  return store
}

const A_NAMES = ['张三', '李四', '13800138000', '13500135000']
const B_NAMES = ['王五', '赵六', '13700137000', '13400134000']
const COMMANDS = ['客户 张三', '客户 王五', '客户 周七', '概览', '睡眠客户', '忠诚客户', '成长客户', '培养客户', '图表', '导出', '设置']

describe('who may see what', () => {
  const speakers = {
    admin: { id: 'wx-boss', name: '老板' },
    agentA: { id: 'wx-wang', name: '小王' },
    agentB: { id: 'wx-li', name: '小李' },
    customerOfA: { id: 'wx-zhangsan', name: '张三' },
    unknown: { id: 'wx-x', name: '路人' },
  }

  it.each(Object.keys(speakers) as (keyof typeof speakers)[])('%s', async (who) => {
    const app = makeTestApp({ store: seeded() })
    const outputs: string[] = []
    for (const cmd of COMMANDS) outputs.push(...await app.say(speakers[who], cmd))
    const files = app.chat.files.map(f => new TextDecoder().decode(f.bytes)).join('\n')
    // A name the speaker typed may be quoted back (找不到客户“王五”); that reveals nothing.
    const all = `${outputs.join('\n')}\n${files}`.replace(/“[^”]*”/g, '')
    if (who === 'unknown' || who === 'customerOfA') {
      expect(outputs).toEqual([])
      expect(app.chat.files).toEqual([])
      return
    }
    const own = who === 'agentA' ? A_NAMES : who === 'agentB' ? B_NAMES : [...A_NAMES, ...B_NAMES, '钱八']
    const foreign = who === 'agentA' ? [...B_NAMES, '钱八', '13300133000'] : who === 'agentB' ? [...A_NAMES, '钱八', '13300133000'] : []
    if (who !== 'admin') expect(all).toContain('共 3 位客户')
    for (const n of own) expect(all, `${who} sees ${n}`).toContain(n)
    for (const n of foreign) expect(all, `${who} must not see ${n}`).not.toContain(n)
    if (who !== 'admin') expect(outputs).toContain('“设置”只有管理员可以使用。')
  })

  it('answers an agent about their own 周七 without asking, and asks the admin which 周七', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say(speakers.agentA, '客户 周七'))[0]).toMatch(/^👤 周七 13500135000/)
    const [question] = await app.say(speakers.admin, '客户 周七')
    expect(question).toMatch(/有2位客户叫“周七”[\s\S]*尾号5000（小王）[\s\S]*尾号4000（小李）/)
    expect((await app.say(speakers.admin, '客户 周七 小李'))[0]).toMatch(/^👤 周七 13400134000（小李）/)
    expect((await app.say(speakers.admin, '客户 周七 5000'))[0]).toMatch(/^👤 周七 13500135000（小王）/)
    expect((await app.say(speakers.agentA, '客户 13700137000'))[0]).toBe('找不到电话为 13700137000 的客户。')
  })

  it('answers customer questions asked in a room privately, and tells the room so', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say(speakers.agentA, '客户 张三', { room: app.room })
    const inRoom = app.chat.sent.filter(s => s.conversationId === app.room).map(s => s.text)
    const direct = app.chat.sent.filter(s => s.conversationId === 'wx-wang').map(s => s.text)
    expect(inRoom).toEqual([SENT_PRIVATELY])
    expect(direct).toHaveLength(1)
    expect(direct[0]).toMatch(/^👤 张三/)
    await app.say(speakers.agentA, '图表', { room: app.room })
    expect(app.chat.files.map(f => f.conversationId)).toEqual(['wx-wang', 'wx-wang'])
  })

  it('sends two charts for 图表 and one for 图表 趋势, drawn from the agent\'s own customers', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say(speakers.agentA, '图表')
    expect(app.chat.files.map(f => f.name)).toEqual(['客户金字塔-2026-11-23.png', '月度收入-2026-11-23.png'])
    const [pyramid, monthly] = app.charts.rendered
    expect(pyramid!.kind === 'tier-pyramid' && pyramid!.tiers.reduce((s, t) => s + t.customers, 0)).toBe(3)
    expect(monthly!.kind === 'monthly-revenue' && monthly!.months).toHaveLength(12)
    await app.say(speakers.agentA, '图表 趋势')
    expect(app.chat.files).toHaveLength(3)
    expect((await app.say(speakers.agentA, '图表 饼图'))[0]).toContain('用法：图表')
  })

  it('exports the agent\'s own customers as CSV with a BOM', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say(speakers.agentB, '导出')
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(app.chat.files[0]!.bytes)
    expect(csv.startsWith('\uFEFF客户ID,')).toBe(true)
    const rows = csv.trim().split('\n')
    expect(rows).toHaveLength(4)
    expect(rows.slice(1).map(r => r.split(',')[2])).toEqual(['王五', '赵六', '周七'])
  })

  it('pages long lists', async () => {
    const store = seeded()
    for (let i = 0; i < 25; i++) {
      store.customers.add(aCustomer({ id: `d${i}`, name: `老客${i}`, agentId: 'a1' }))
      store.orders.add(anOrder({ id: `od${i}`, no: 1000 + i, customerId: `d${i}`, agentId: 'a1', placedOn: ago(400), amountFen: 10000 }))
    }
    const app = makeTestApp({ store })
    const [first] = await app.say(speakers.agentA, '睡眠客户')
    expect(first).toMatch(/\n第1\/3页，发“睡眠客户 2”看下一页/)
    expect(first!.split('\n').filter(l => /^\d+\. /.test(l))).toHaveLength(10)
    expect((await app.say(speakers.agentA, '睡眠客户 3'))[0]).toMatch(/\n第3\/3页(\n|$)/)
    expect((await app.say(speakers.agentA, '睡眠 9'))[0]).toBe('睡眠型客户只有 3 页。')
  })

  it('saves the VIP group from chat', async () => {
    const app = makeTestApp({ store: seeded() })
    app.chat.rooms.push({ id: 'vip@chatroom', topic: '尊享会员群', memberIds: ['wx-boss'] })
    expect(await app.say(speakers.admin, '设置 VIP群 尊享会员群')).toEqual(['✅ 已设置 VIP群：尊享会员群'])
    expect((await app.say(speakers.admin, '设置'))[0]).toContain('VIP群：尊享会员群')
    expect((await app.say(speakers.admin, '设置 颜色 红'))[0]).toContain('用法：设置')
  })

  it('reads full-width commands and arguments like half-width ones', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say(speakers.agentA, '睡眠客户　１'))[0]).toMatch(/睡眠型客户|暂时没有/)
  })

  it('still records an order that starts with a command word, for the right customer', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say(speakers.agentA, '客户 孙九 13200132000 面膜2盒 398 已付'))[0]).toContain('已记录')
    const customer = app.store.customers.byPhone('13200132000')!
    expect(customer.name).toBe('孙九')
    expect(app.store.orders.ofCustomer(customer.id).map(o => [o.lines.map(l => l.name), o.amountFen])).toEqual([[['面膜'], 39800]])
  })

  it('takes group talk that starts with an alias for talk, and reads natural punctuation', async () => {
    const app = makeTestApp({ store: seeded() })
    expect(await app.say(speakers.agentA, '成长 很快', { room: app.room })).toEqual([])
    expect(await app.say(speakers.agentA, '睡眠 不太好', { room: app.room })).toEqual([])
    expect((await app.say(speakers.agentA, '概览？'))[0]).toMatch(/^📊 小王的客户概览/)
    expect((await app.say(speakers.agentA, '客户：张三'))[0]).toMatch(/^👤 张三/)
  })

  it('lists agents privately when asked in a group', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say(speakers.admin, '代理 列表', { room: app.room })
    expect(app.chat.sent.filter(m => m.conversationId === app.room).map(m => m.text)).toEqual([SENT_PRIVATELY])
    expect(app.chat.sent.find(m => m.conversationId === 'wx-boss')!.text).toMatch(/代理 2 位/)
  })

  it('answers the merchant typing in a group privately too', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say({ id: 'wx-self', name: '店小二' }, '概览', { room: app.room, fromSelf: true })
    expect(app.chat.sent.filter(m => m.conversationId === app.room).map(m => m.text)).toEqual([SENT_PRIVATELY])
    expect(app.chat.sent.find(m => m.conversationId === 'wx-self')!.text).toMatch(/^📊 全部客户概览/)
  })

  it('sends an agent without customers no empty chart', async () => {
    const store = seeded()
    store.agents.add({ id: 'a3', name: '小张', contactId: 'wx-zhang', addedAt: NOW.toISOString(), active: true })
    const app = makeTestApp({ store })
    expect(await app.say({ id: 'wx-zhang', name: '小张' }, '图表')).toEqual(['还没有客户数据，报单后再来看图表吧。'])
    expect((await app.say({ id: 'wx-zhang', name: '小张' }, '概览'))[0]).toContain('还没有客户')
    expect(app.chat.files).toEqual([])
  })

  it('keeps the VIP group name exactly as WeChat shows it', async () => {
    const app = makeTestApp({ store: seeded() })
    app.chat.rooms.push({ id: 'vip@chatroom', topic: '尊享会员群（一）', memberIds: [] }, { id: 'vip2@chatroom', topic: 'ＶＩＰ群', memberIds: [] })
    await app.say(speakers.admin, '设置 VIP群 尊享会员群（一）')
    expect(app.store.settings.get('vipRoom')).toBe('尊享会员群（一）')
    expect(await app.say(speakers.admin, '设置 VIP群 VIP群')).toEqual(['✅ 已设置 VIP群：ＶＩＰ群'])
  })

  it('refuses a VIP group the bot account is not in, naming the ones it is in', async () => {
    const app = makeTestApp({ store: seeded() })
    expect(await app.say(speakers.admin, '设置 VIP群 尊享会员群')).toEqual(['❌ 机器人账号不在群「尊享会员群」里，VIP群没有修改。\n机器人账号现在不在任何群里：先把它拉进 VIP 群，再发这条设置。'])
    app.chat.rooms.push({ id: 'r1@chatroom', topic: '报单群', memberIds: [] }, { id: 'r2@chatroom', topic: 'VIP客户群', memberIds: [] })
    expect(await app.say(speakers.admin, '设置 VIP群 尊享会员群')).toEqual([[
      '❌ 机器人账号不在群「尊享会员群」里，VIP群没有修改。',
      '机器人账号所在的群：「报单群」、「VIP客户群」',
      '请发其中一个群名，或先把机器人账号拉进那个群。',
    ].join('\n')])
    expect(app.store.settings.get('vipRoom')).toBeUndefined()
  })
})

describe('the text of 概览 and 客户 on fixed data', () => {
  it('概览 for the merchant', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say({ id: 'wx-boss', name: '老板' }, '概览'))[0]).toMatchSnapshot()
  })

  it('客户 张三 for his agent', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say({ id: 'wx-wang', name: '小王' }, '客户 张三'))[0]).toMatchSnapshot()
  })
})
