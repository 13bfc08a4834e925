/** 代理 添加 adopting an agent an import made, and 代理 转移 moving one agent's customers to another. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { importOrders } from '../../src/app/io/import-orders.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { makeTestApp, NOW, withAgents } from '../helpers/test-app.js'
import { replyShape } from '../reliability/reply-shapes.js'

/** What `wxcrm import … --agent <name>` leaves: an agent without a contact, owning the rows' customers. */
function imported(agent: string, names: string[]) {
  const store = createMemoryStore()
  const rows = names.map((name, i) => ({ line: i + 2, values: { 客户: name, 日期: '2026-10-01', 金额: '199' } }))
  importOrders(store, rows, { mapping: { name: '客户', date: '日期', amount: '金额', agent }, now: NOW })
  return store
}

describe('代理 添加 after an import', () => {
  it('adopts the imported agent of that name instead of making a second one', async () => {
    const app = makeTestApp({ store: imported('小王', ['何姐', '孟悦', '周七']) })
    const [answer] = await app.say(app.boss, '代理 添加 小王')
    expect(answer).toBe('✅ 已添加代理：小王（已关联导入的 3 位客户）。对方现在可以直接在群里或私聊报单了。')
    expect(replyShape(answer!)).toBe('agent added')
    expect(app.store.agents.all()).toEqual([expect.objectContaining({ name: '小王', contactId: 'wx-wang', active: true })])
    const [list] = await app.say(app.boss, '代理 列表')
    expect(list).toBe('👥 代理 1 位：\n· 小王：客户 3 位，订单 3 单')
    // 小王 reports for 何姐 as their own customer: no new 何姐.
    await app.say(app.wang, '何姐 面膜2盒 398 已付')
    expect(app.store.customers.all().filter(c => c.name === '何姐')).toHaveLength(1)
  })

  it('finds the imported agent by the contact\'s WeChat name when the merchant adds them by remark', async () => {
    const app = makeTestApp({ store: imported('小王', ['何姐']) })
    expect(await app.say(app.boss, '代理 添加 王代理')).toEqual(['✅ 已添加代理：王代理（已关联导入的 1 位客户）。对方现在可以直接在群里或私聊报单了。'])
    expect(app.store.agents.all()).toHaveLength(1)
  })

  it('an agent already added takes over a namesake an import left behind', async () => {
    const store = createMemoryStore()
    store.agents.add({ id: 'a1', name: '小王', contactId: 'wx-wang', addedAt: NOW.toISOString(), active: true })
    // A database from before: the import made its own 小王 beside the one chat added.
    store.agents.add({ id: 'a2', name: '小王', contactId: null, addedAt: NOW.toISOString(), active: true })
    store.customers.add(aCustomer({ id: 'c1', name: '何姐', agentId: 'a2' }))
    const app = makeTestApp({ store })
    const [answer] = await app.say(app.boss, '代理 添加 小王')
    expect(answer).toBe('小王 已经是代理了（已关联导入的 1 位客户）。')
    expect(replyShape(answer!)).toBe('agent already')
    expect(store.customers.byId('c1')!.agentId).toBe('a1')
    expect(store.agents.byId('a2')!.active).toBe(false)
    expect(await app.say(app.boss, '代理 添加 小王')).toEqual(['小王 已经是代理了。'])
  })

  it('without an imported agent of that name, adds a new one as before', async () => {
    const app = makeTestApp({ store: imported('小李', ['何姐']) })
    expect(await app.say(app.boss, '代理 添加 小王')).toEqual(['✅ 已添加代理：小王。对方现在可以直接在群里或私聊报单了。'])
    expect(app.store.agents.all().map(a => [a.name, a.contactId])).toEqual([['小李', null], ['小王', 'wx-wang']])
  })
})

describe('代理 转移', () => {
  async function merchant() {
    const app = await withAgents()
    const wang = app.store.agents.byName('小王')!
    const li = app.store.agents.byName('小李')!
    app.store.customers.add(aCustomer({ id: 'c1', name: '何姐', agentId: wang.id, phone: '13911112222' }))
    app.store.customers.add(aCustomer({ id: 'c2', name: '孟悦', agentId: wang.id }))
    app.store.customers.add(aCustomer({ id: 'c3', name: '杨柳', agentId: li.id }))
    app.store.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1', agentId: wang.id, recordedBy: 'wx-wang' }))
    app.store.orders.add(anOrder({ id: 'o2', no: 2, customerId: 'c2', agentId: wang.id, recordedBy: 'wx-wang' }))
    app.store.orders.add(anOrder({ id: 'o3', no: 3, customerId: 'c3', agentId: li.id, recordedBy: 'wx-li' }))
    for (let i = 0; i < 3; i++) app.store.nextSeq('order')
    await app.store.commit()
    return { ...app, wangAgent: wang, liAgent: li }
  }

  it('moves every customer of a removed agent, with their orders, to another agent, who then sees them', async () => {
    const app = await merchant()
    expect(await app.say(app.boss, '代理 删除 小王')).toEqual(['✅ 已删除代理：小王。TA 的客户和订单都保留着。要交给别的代理，发“代理 转移 小王 <新代理>”。'])
    expect(replyShape('✅ 已删除代理：小王。TA 的客户和订单都保留着。要交给别的代理，发“代理 转移 小王 <新代理>”。')).toBe('agent removed')
    expect(await app.say(app.boss, '代理 转移 小王 小李')).toEqual(['✅ 已把 小王 的 2 位客户（2 单）转给 小李。以后这些客户的跟进提醒发给 小李。'])
    expect(app.store.customers.all().map(c => c.agentId)).toEqual([app.liAgent.id, app.liAgent.id, app.liAgent.id])
    expect(app.store.orders.all().map(o => [o.agentId, o.recordedBy])).toEqual([[app.liAgent.id, 'wx-wang'], [app.liAgent.id, 'wx-wang'], [app.liAgent.id, 'wx-li']])
    expect((await app.say(app.li, '客户 何姐'))[0]).toMatch(/^👤 何姐 13911112222\n/)
    expect(await app.say(app.boss, '代理 列表')).toEqual(['👥 代理 1 位：\n· 小李：客户 3 位，订单 3 单'])
  })

  it.each([
    ['代理 转移 小王 到 小李', '✅ 已把 小王 的 2 位客户（2 单）转给 小李。以后这些客户的跟进提醒发给 小李。'],
    ['代理 转移 小王→小李', '✅ 已把 小王 的 2 位客户（2 单）转给 小李。以后这些客户的跟进提醒发给 小李。'],
    ['代理 转移 小张 小李', '没有叫“小张”的代理。发“代理 列表”查看。'],
    ['代理 转移 小王 小张', '没有叫“小张”的代理。发“代理 列表”查看。'],
    ['代理 转移 小王 小王', '“小王”和“小王”是同一位代理，不用转移。'],
    ['代理 转移 小王', '请写上两位代理的名字，如“代理 转移 小王 小李”：把小王的客户都转给小李。'],
    ['代理 转移', '请写上两位代理的名字，如“代理 转移 小王 小李”：把小王的客户都转给小李。'],
  ])('%s', async (text, answer) => {
    const app = await merchant()
    expect(await app.say(app.boss, text)).toEqual([answer])
    expect(replyShape(answer), 'a documented reply (test/reliability/reply-shapes.ts)').not.toBeNull()
  })

  it('says so when there is nothing to move, and refuses a removed receiver', async () => {
    const app = await merchant()
    await app.say(app.boss, '代理 转移 小李 小王')
    expect(await app.say(app.boss, '代理 转移 小李 小王')).toEqual(['小李 名下没有客户，不用转移。'])
    await app.say(app.boss, '代理 删除 小李')
    expect(await app.say(app.boss, '代理 转移 小王 小李')).toEqual(['小李 已经不是代理了，不能接收客户。请先发“代理 添加 小李”。'])
    expect(['transfer nothing', 'transfer to removed']).toEqual(['小李 名下没有客户，不用转移。', '小李 已经不是代理了，不能接收客户。请先发“代理 添加 小李”。'].map(replyShape))
    expect(app.store.customers.all().every(c => c.agentId === app.wangAgent.id)).toBe(true)
  })

  it('is for admins only', async () => {
    const app = await merchant()
    expect(await app.say(app.wang, '代理 转移 小李 小王')).toEqual(['“代理”只有管理员可以使用。'])
    expect(await app.say(app.stranger, '代理 转移 小李 小王')).toEqual([])
    expect(app.store.customers.byId('c3')!.agentId).toBe(app.liAgent.id)
  })

  it('the next morning\'s nudge for the moved customers goes to the new agent', async () => {
    const app = await merchant()
    // 何姐 bought every month and stopped half a year ago: 睡眠型 at the next reclassify.
    app.store.orders.update({ ...app.store.orders.byId('o1')!, placedOn: '2026-06-01' })
    for (const [i, placedOn] of ['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'].entries())
      app.store.orders.add(anOrder({ id: `oh${i}`, no: 10 + i, customerId: 'c1', agentId: app.wangAgent.id, placedOn, payment: 'paid', paidFen: 39800 }))
    await app.say(app.boss, '代理 删除 小王')
    await app.say(app.boss, '代理 转移 小王 小李')
    await app.say(app.boss, '任务 reclassify')
    const [preview] = await app.say(app.boss, '任务 nudge 预览')
    expect(preview).toMatch(/发给 小李[\s\S]*何姐/)
    expect(preview).not.toContain('发给 小王')
  })
})
