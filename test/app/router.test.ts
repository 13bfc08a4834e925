/** The router through its front door, with in-memory adapters: roles, orders, the ledger commands. */
import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { STORAGE_FAILED_REPLY, storageAlertText } from '../../src/app/router/storage-alert.js'
import { makeTestApp, NOW, withAgents } from '../helpers/test-app.js'
import { breakDatabaseWrites } from '../helpers/db.js'

describe('who gets answered', () => {
  it('gives strangers nothing, not even for order-shaped messages', async () => {
    const app = makeTestApp()
    expect(await app.say(app.stranger, '张三 13800138000 面膜2盒 398 已付')).toEqual([])
    expect(await app.say(app.stranger, '帮助')).toEqual([])
    expect(await app.say(app.stranger, '张三 13800138000 面膜2盒 398 已付', { room: app.room })).toEqual([])
    expect(app.store.orders.all()).toHaveLength(0)
  })

  it('lets only admins manage agents', async () => {
    const app = await withAgents()
    expect(await app.say(app.wang, '代理 添加 小李')).toEqual(['“代理”只有管理员可以使用。'])
    expect((await app.say(app.boss, '代理 列表'))[0]).toMatch(/代理 2 位[\s\S]*小王[\s\S]*小李/)
  })

  it('asks which contact when a name is not unique, and says so when there is none', async () => {
    const app = makeTestApp()
    expect((await app.say(app.boss, '代理 添加 阿芳'))[0]).toContain('有2个联系人叫“阿芳”')
    expect((await app.say(app.boss, '代理 添加 不存在的人'))[0]).toContain('找不到微信联系人')
    expect((await app.say(app.boss, '代理 开除 小王'))[0]).toContain('用法')
  })

  it('finds an agent by remark too, and removes agents while keeping their records', async () => {
    const app = makeTestApp()
    expect((await app.say(app.boss, '代理 添加 王代理'))[0]).toContain('已添加代理：王代理')
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    expect((await app.say(app.boss, '代理 删除 王代理'))[0]).toContain('已删除代理')
    expect(await app.say(app.wang, '李四 13900139000 面膜1盒 199')).toEqual([])
    expect(app.store.orders.all()).toHaveLength(1)
  })

  it('binds an admin with the one-time code, once', async () => {
    const app = makeTestApp()
    expect(await app.say(app.li, '绑定管理员 000000')).toEqual([])
    expect((await app.say(app.li, '绑定管理员 123456'))[0]).toContain('已绑定为管理员')
    expect((await app.say(app.li, '代理 列表'))[0]).toContain('还没有代理')
    expect(await app.say(app.stranger, '绑定管理员 123456')).toEqual([])
  })

  it('refuses an expired code', async () => {
    const app = makeTestApp()
    app.setNow(new Date(NOW.getTime() + 31 * 60_000))
    expect(await app.say(app.li, '绑定管理员 123456')).toEqual([])
    expect(app.store.admins.all()).toHaveLength(0)
  })

  it('does not take a nickname for an admin when another contact carries it', async () => {
    const app = makeTestApp({ config: { admins: ['阿芳'] } })
    expect(await app.say({ id: 'wx-dup2', name: '阿芳' }, '代理 列表')).toEqual([])
    expect(app.store.admins.all()).toHaveLength(0)
  })

  it('verifies a configured admin name once against the contact list and remembers the contact', async () => {
    const app = makeTestApp()
    expect((await app.say(app.boss, '代理 列表'))[0]).toContain('还没有代理')
    expect(app.store.admins.all().map(a => a.contactId)).toEqual(['wx-boss'])
    // Someone else taking the same nickname later is still nobody, even once the real one renamed.
    app.contacts.contacts.splice(0, 1, { id: 'wx-impostor', name: '老板', alias: null })
    expect(await app.say({ id: 'wx-impostor', name: '老板' }, '代理 列表')).toEqual([])
    expect(app.store.admins.all()).toHaveLength(1)
  })

  it('treats the merchant typing on the phone (own account) as admin', async () => {
    const app = makeTestApp()
    const reply = await app.say({ id: 'wx-self', name: '店小二' }, '张三 13800138000 面膜2盒 398 已付', { room: app.room, fromSelf: true })
    expect(reply[0]).toContain('已记录')
  })

  it('lists the commands each role may use', async () => {
    const app = await withAgents()
    const agentHelp = (await app.say(app.wang, '帮助'))[0]!
    const adminHelp = (await app.say(app.boss, '帮助'))[0]!
    expect(agentHelp).toContain('收款')
    expect(agentHelp).not.toContain('代理 添加')
    expect(adminHelp).toContain('代理 添加')
  })
})

describe('orders', () => {
  it('records an order and quotes it back, masking the phone in groups', async () => {
    const app = await withAgents()
    const [reply] = await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { room: app.room })
    expect(reply).toMatch(/✅ 已记录\n#1 张三 138\*\*\*\*8000：面膜×2盒 ¥398 已付（新客户）/)
    const [order] = app.store.orders.all()
    expect(order).toMatchObject({ amountFen: 39800, payment: 'paid', paidFen: 39800, placedOn: '2026-11-23', agentId: 'a1' })
    expect(app.store.customers.byPhone('13800138000')?.agentId).toBe('a1')
  })

  it('keeps one customer per phone and per (agent, name)', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 面膜2盒 398 已付')
    await app.say(app.wang, '张三 13800138000 精华1瓶 199 已付')
    await app.say(app.wang, '张三 精华1瓶 199 已付')
    expect(app.store.customers.all()).toHaveLength(1)
    expect(app.store.customers.all()[0]!.phone).toBe('13800138000')
    await app.say(app.li, '张三 面膜1盒 199 已付')
    expect(app.store.customers.all()).toHaveLength(2)
  })

  it('asks for a phone when two customers share a name', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.wang, '张三 13900139000 面膜2盒 398 已付')
    const [reply] = await app.say(app.wang, '张三 精华1瓶 199 已付')
    expect(reply).toMatch(/有2位客户叫“张三”（尾号8000、尾号9000）/)
    expect(app.store.orders.all()).toHaveLength(2)
  })

  it('answers a repeated delivery once and records it once', async () => {
    const app = await withAgents()
    expect(await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'same' })).toHaveLength(1)
    expect(await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'same' })).toEqual([])
    expect(app.store.orders.all()).toHaveLength(1)
  })

  it('remembers handled messages across a restart (a new router on the same store)', async () => {
    const store = createMemoryStore()
    const first = await withAgents({ store })
    await first.say(first.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'm-x' })
    const second = makeTestApp({ store })
    expect(await second.say(second.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'm-x' })).toEqual([])
    expect(store.orders.all()).toHaveLength(1)
  })

  it('records backlog after a restart without replying', async () => {
    const app = await withAgents()
    expect(await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { stale: true })).toEqual([])
    expect(app.store.orders.all()).toHaveLength(1)
    expect(await app.say(app.wang, '李四 面膜2盒 已付', { stale: true })).toEqual([])
    expect(await app.say(app.wang, '撤销', { stale: true })).toEqual([])
    expect(app.store.orders.all()[0]!.status).toBe('active')
  })

  it('asks about an incomplete order, then records it on 确认', async () => {
    const app = await withAgents()
    const [question] = await app.say(app.wang, '刘姐 13888888888 面膜2盒 已付', { room: app.room })
    expect(question).toMatch(/❓ 我是这样理解的：[\s\S]*刘姐[\s\S]*金额待补[\s\S]*回复“确认”/)
    expect(app.store.orders.all()).toHaveLength(0)
    expect(await app.say(app.li, '确认', { room: app.room })).toEqual([])
    const [done] = await app.say(app.wang, '确认', { room: app.room })
    expect(done).toMatch(/已记录[\s\S]*刘姐[\s\S]*金额待补/)
    expect(app.store.orders.all()).toHaveLength(1)
    expect((await app.say(app.wang, '改 上一单 金额 398'))[0]).toMatch(/已修改[\s\S]*¥398/)
    expect(app.store.orders.all()[0]).toMatchObject({ amountFen: 39800, paidFen: 39800 })
  })

  it('drops a waiting order on 取消', async () => {
    const app = await withAgents()
    await app.say(app.wang, '刘姐 13888888888 面膜2盒 已付')
    expect(await app.say(app.wang, '取消')).toEqual(['已取消，这条报单没有记录。'])
    expect(await app.say(app.wang, '确认')).toEqual(['没有等待确认的报单。'])
    expect(app.store.orders.all()).toHaveLength(0)
  })

  it('stays silent on chatter in groups and gives a hint in direct messages', async () => {
    const app = await withAgents()
    expect(await app.say(app.wang, '今天天气不错', { room: app.room })).toEqual([])
    expect((await app.say(app.wang, '今天天气不错'))[0]).toContain('报单示例')
  })

  it('ignores rooms that are not order groups when order groups are configured', async () => {
    const app = await withAgents({ config: { orderGroups: ['另一个群'] } })
    expect(await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { room: app.room })).toEqual([])
    expect(app.store.orders.all()).toHaveLength(0)
  })

  it('tells the agent the order was NOT recorded when saving fails, keeps nothing of it, and takes it again later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-fail-'))
    const store = await openFileStore({ file: join(dir, 'db.json'), today: () => '2026-11-23' })
    const app = await withAgents({ store })
    const repair = breakDatabaseWrites(join(dir, 'db.json'))
    const before = app.chat.sent.length
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'm-fail' })
    const sent = app.chat.sent.slice(before)
    expect(sent.filter(m => m.conversationId === 'wx-wang').map(m => m.text)).toEqual([STORAGE_FAILED_REPLY])
    // The admin hears it at once, with the reason, and only once for a run of failures.
    expect(sent.filter(m => m.conversationId === 'wx-boss').map(m => m.text)).toEqual([storageAlertText('ENOTDIR')])
    expect(await app.say(app.wang, '李四 13900139000 面膜1盒 199 已付', { id: 'm-fail-2' })).toEqual([STORAGE_FAILED_REPLY])
    expect(store.orders.all()).toHaveLength(0)
    expect(store.customers.all()).toHaveLength(0)
    repair()
    expect((await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'm-fail' }))[0]).toContain('已记录')
    expect(store.orders.all()).toHaveLength(1)
    await store.close()
  })

  it('does not let an agent reach another agent\'s customer through a phone number', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    const [reply] = await app.say(app.li, '李四 13800138000 面膜1盒 199 已付', { room: app.room })
    expect(reply).toContain('已登记在别的代理或商家名下')
    expect(reply).not.toContain('张三')
    expect(app.store.orders.all()).toHaveLength(1)
  })

  it('forgets the question once the agent resends a corrected order', async () => {
    const app = await withAgents()
    await app.say(app.wang, '刘姐 13888888888 面膜2盒 已付')
    expect((await app.say(app.wang, '刘姐 13888888888 面膜2盒 398 已付'))[0]).toContain('已记录')
    expect(await app.say(app.wang, '确认')).toEqual(['没有等待确认的报单。'])
    expect(app.store.orders.all()).toHaveLength(1)
  })

  it('lets a waiting order expire after an hour', async () => {
    const app = await withAgents()
    await app.say(app.wang, '刘姐 13888888888 面膜2盒 已付')
    app.setNow(new Date(NOW.getTime() + 61 * 60_000))
    expect(await app.say(app.wang, '确认')).toEqual(['没有等待确认的报单。'])
    expect(app.store.orders.all()).toHaveLength(0)
  })
})

describe('payments, refunds, undo and corrections', () => {
  it('settles unpaid orders oldest first with 收款', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 未付')
    await app.say(app.wang, '张三 精华1瓶 199 未付')
    const [reply] = await app.say(app.wang, '收款 张三 500')
    expect(reply).toMatch(/已记录收款 张三 ¥500[\s\S]*#1 ¥398、#2 ¥102[\s\S]*未付：¥97/)
    const [o1, o2] = app.store.orders.all()
    expect(o1).toMatchObject({ payment: 'paid', paidFen: 39800 })
    expect(o2).toMatchObject({ payment: 'deposit', paidFen: 10200 })
  })

  it('keeps agents to their own customers', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 未付')
    expect((await app.say(app.li, '收款 张三 398'))[0]).toContain('找不到客户“张三”')
    expect((await app.say(app.li, '收款 13800138000 398'))[0]).toContain('找不到客户')
    expect((await app.say(app.boss, '收款 张三 398'))[0]).toContain('已记录收款')
  })

  it('records a refund against the newest order that can take it', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    expect((await app.say(app.wang, '退款 张三 199'))[0]).toContain('已记录退款 张三 ¥199（#1）')
    expect((await app.say(app.wang, '退款 张三 500'))[0]).toContain('没有记录')
    expect((await app.say(app.wang, '退款 张三 199'))[0]).toContain('该单已全额退款')
    expect(app.store.orders.all()[0]!.status).toBe('refunded')
  })

  it('will not undo or shrink an order below what was already collected', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 未付')
    await app.say(app.wang, '收款 张三 200')
    expect((await app.say(app.wang, '撤销'))[0]).toContain('已收款¥200，不能直接撤销')
    expect((await app.say(app.wang, '改 上一单 金额 100'))[0]).toContain('金额不能改得比这更少')
    expect(app.store.orders.all()[0]).toMatchObject({ status: 'active', amountFen: 39800 })
  })

  it('undoes the sender\'s own last order only', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.li, '李四 13900139000 面膜1盒 199 已付')
    expect((await app.say(app.wang, '撤销'))[0]).toMatch(/已撤销：#1 张三/)
    expect((await app.say(app.wang, '撤销'))[0]).toBe('没有可以撤销的报单。')
    expect(app.store.orders.byNo(2)!.status).toBe('active')
  })

  it('corrects quantity, phone, customer and payment of the last order', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 未付')
    await app.say(app.wang, '改 上一单 数量 3')
    expect(app.store.orders.all()[0]!.lines[0]!.qty).toBe(3)
    await app.say(app.wang, '改 上一单 已付')
    expect(app.store.orders.all()[0]).toMatchObject({ payment: 'paid', paidFen: 39800 })
    await app.say(app.wang, '改 上一单 客户 李四')
    expect(app.store.customers.byId(app.store.orders.all()[0]!.customerId)!.name).toBe('李四')
    expect((await app.say(app.li, '改 #1 金额 1'))[0]).toContain('找不到可以修改的订单 #1')
  })
})

describe('amounts out of bounds are refused and nothing is recorded', () => {
  const LIMIT = '超过了单笔上限¥1,000,000'
  const POSITIVE = '必须大于0'
  // [message after 张三's ¥398 order, what the refusal says] — the ledger must be exactly as before.
  const refusals: Array<[string, string]> = [
    ['李四 13900139000 面膜2盒 0元', `金额¥0不对：金额${POSITIVE}`],
    ['李四 13900139000 面膜2盒 2000000', `金额¥2,000,000${LIMIT}`],
    ['李四 13900139000 面膜2盒 99999999999999999999', `金额“9999999999999999…”${LIMIT}`],
    ['李四 13900139000 面膜2盒 ¥179769313486231570000000000000000000000', `金额“1797693134862315…”${LIMIT}`],
    ['李四 13900139000 面膜999999盒 @9999999', `金额¥9,999,999${LIMIT}`],
    ['收款 张三 0', `金额¥0不对：金额${POSITIVE}`],
    ['收款 张三 -398', `金额-¥398不对：金额${POSITIVE}`],
    ['收款 张三 1000000000000000元', `金额“1000000000000000”${LIMIT}`],
    ['退款 张三 -0.01', `金额-¥0.01不对：金额${POSITIVE}`],
    ['退款 张三 99999999999999999999', `金额“9999999999999999…”${LIMIT}`],
    ['改 上一单 金额 -5', `金额-¥5不对：金额${POSITIVE}`],
    ['改 上一单 金额 1000001', `金额¥1,000,001${LIMIT}`],
  ]

  it.each(refusals)('%s', async (text, says) => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 未付')
    const before = JSON.stringify([app.store.orders.all(), app.store.payments.all(), app.store.refunds.all(), app.store.customers.all()])
    const [reply, ...more] = await app.say(app.wang, text)
    expect(more).toEqual([])
    expect(reply).toMatch(/^⚠️ (?:这条报单|收款|退款)?没有记录|^⚠️ 没看懂要改什么/)
    expect(reply).toContain(says)
    expect(JSON.stringify([app.store.orders.all(), app.store.payments.all(), app.store.refunds.all(), app.store.customers.all()])).toBe(before)
    // A refused amount cannot be confirmed into the ledger either.
    expect(await app.say(app.wang, '确认')).toEqual(['没有等待确认的报单。'])
  })

  it('takes the limit itself', async () => {
    const app = await withAgents()
    expect((await app.say(app.wang, '张三 13800138000 面膜2盒 1000000 未付'))[0]).toContain('#1 张三 13800138000：面膜×2盒 ¥1,000,000 未付')
    expect((await app.say(app.wang, '收款 张三 1000000'))[0]).toContain('已记录收款 张三 ¥1,000,000')
  })
})

describe('bad input found by the fuzz (test/reliability/fuzz.test.ts)', () => {
  it('reads the labelled template as an order even with few labels, not as a question about 客户', async () => {
    const app = await withAgents()
    expect((await app.say(app.wang, '客户：张三 产品：面膜 金额：398'))[0]).toMatch(/^✅ 已记录\n#1 张三：面膜 ¥398/)
    expect((await app.say(app.wang, '客户：张三'))[0]).toMatch(/^👤 张三/)
  })

  it('never quotes NUL, lone surrogates or bidi overrides back into the chat', async () => {
    const app = await withAgents()
    expect(await app.say(app.wang, '客户 \u202E张三')).toEqual(['找不到客户“张三”。可以用名字、11位电话，或“客户 张三 8000”（电话尾号）。'])
    expect(await app.say(app.wang, '客户 \u0000')).toEqual(['用法：客户 <名字或电话> [电话尾号或代理名]'])
    expect(await app.say(app.boss, '代理 添加 \uD800小\u2066王')).toEqual(['小王 已经是代理了。'])
  })
})
