/** Customers ↔ WeChat contacts through the router: 绑定/解绑, auto-link, the customer role, 退订. */
import { describe, expect, it } from 'vitest'
import { anOutboxEntry, aCustomer } from '../helpers/builders.js'
import { withAgents } from '../helpers/test-app.js'

async function app() {
  const a = await withAgents()
  const wang = a.store.agents.byName('小王')!
  const li = a.store.agents.byName('小李')!
  a.store.customers.add(aCustomer({ id: 'c1', name: '张三', agentId: wang.id, phone: '13800138000' }))
  a.store.customers.add(aCustomer({ id: 'c2', name: '李四', agentId: li.id }))
  a.store.customers.add(aCustomer({ id: 'c3', name: '阿芳', agentId: wang.id }))
  a.store.customers.add(aCustomer({ id: 'c4', name: '阿芳', agentId: li.id }))
  a.contacts.contacts.push(
    { id: 'wx-zs', name: 'Sunny', alias: '张三' },
    { id: 'wx-ls', name: '李四', alias: null },
    { id: 'wx-ph', name: '花花', alias: '老客 138-0013-8000' },
    { id: 'wx-af', name: '阿芳妈妈', alias: '阿芳' },
  )
  await a.store.commit()
  return { ...a, wangAgent: wang, liAgent: li }
}

describe('绑定 and 解绑', () => {
  it('an agent binds and unbinds their own customer; the profile shows it', async () => {
    const a = await app()
    expect(await a.say(a.wang, '绑定 张三 Sunny')).toEqual(['✅ 已把客户 张三 绑定到微信联系人 Sunny（备注 张三）。'])
    expect(a.store.customers.byId('c1')!.contactId).toBe('wx-zs')
    const [profile] = await a.say(a.wang, '客户 张三')
    expect(profile).toContain('微信：已绑定（备注 张三）')
    expect(await a.say(a.wang, '解绑 张三')).toEqual(['✅ 已解除客户 张三 的微信绑定。'])
    expect(a.store.customers.byId('c1')!.contactId).toBeNull()
    expect((await a.say(a.wang, '客户 张三'))[0]).toContain('微信：未绑定')
  })

  it('an admin binds anyone\'s customer; an agent cannot bind another agent\'s', async () => {
    const a = await app()
    expect((await a.say(a.wang, '绑定 李四 李四'))[0]).toContain('找不到客户“李四”')
    expect(a.store.customers.byId('c2')!.contactId).toBeNull()
    expect((await a.say(a.boss, '绑定 李四 李四'))[0]).toContain('✅ 已把客户 李四 绑定')
    expect(a.store.customers.byId('c2')!.contactId).toBe('wx-ls')
  })

  it('asks when several contacts match, refuses agents and a contact bound elsewhere', async () => {
    const a = await app()
    expect((await a.say(a.boss, '绑定 张三 阿芳'))[0]).toBe('有3位微信联系人叫“阿芳”，请先在微信里给要绑定的那位设个备注，再用备注绑定。')
    expect((await a.say(a.boss, '绑定 张三 小李'))[0]).toContain('是代理或管理员')
    await a.say(a.boss, '绑定 张三 Sunny')
    expect((await a.say(a.boss, '绑定 李四 Sunny'))[0]).toContain('已经绑定了客户 张三')
  })
})

describe('auto-link and the customer role', () => {
  it('links a contact whose remark names exactly one customer, and gives them no data', async () => {
    const a = await app()
    expect(await a.say({ id: 'wx-zs', name: 'Sunny' }, '概览')).toEqual([])
    const c = a.store.customers.byId('c1')!
    expect(c.contactId).toBe('wx-zs')
    expect(c.lastInteractionAt).toBeDefined()
    expect(await a.say({ id: 'wx-zs', name: 'Sunny' }, '客户 张三')).toEqual([])
    expect(await a.say({ id: 'wx-zs', name: 'Sunny' }, '导出')).toEqual([])
  })

  it('links by a phone number in the remark', async () => {
    const a = await app()
    await a.say({ id: 'wx-ph', name: '花花' }, '你好')
    expect(a.store.customers.byId('c1')!.contactId).toBe('wx-ph')
  })

  it('does not link when two customers match', async () => {
    const a = await app()
    expect(await a.say({ id: 'wx-af', name: '阿芳妈妈' }, '你好')).toEqual([])
    expect(a.store.customers.all().filter(c => c.contactId === 'wx-af')).toEqual([])
  })

  it('退订 stops marketing once, 订阅 undoes it', async () => {
    const a = await app()
    const zs = { id: 'wx-zs', name: 'Sunny' }
    expect(await a.say(zs, '退订')).toEqual(['好的，以后不再给你发送活动和提醒消息。想恢复时回复“订阅”即可。'])
    expect(a.store.customers.byId('c1')!.optedOut).toBe(true)
    expect(await a.say(zs, '退订')).toEqual([])
    expect((await a.say(a.wang, '客户 张三'))[0]).toContain('已退订营销消息')
    expect(await a.say(zs, '订阅')).toEqual(['好的，已恢复，之后有活动会再通知你。'])
    expect(a.store.customers.byId('c1')!.optedOut).toBe(false)
  })

  it('an answer within 7 days of a reactivation alerts the agent through the outbox', async () => {
    const a = await app()
    await a.say(a.boss, '绑定 张三 Sunny')
    a.store.outbox.add(anOutboxEntry({ id: 'r1', kind: 'reactivation', dedupeKey: 'reactivate:c1:2026-11', customerId: 'c1', to: { contactId: 'wx-zs' }, status: 'sent', sentAt: '2026-11-20T02:00:00.000Z' }))
    await a.say({ id: 'wx-zs', name: 'Sunny' }, '还有货吗')
    const alert = a.store.outbox.all().find(e => e.kind === 'alert')
    expect(alert?.to).toEqual({ contactId: 'wx-wang' })
    expect(alert?.text).toContain('客户 张三 回复了唤醒消息：“还有货吗”')
  })

  it('a linked customer’s own order by direct message is theirs, no name needed; questions and chat record nothing', async () => {
    const a = await app()
    const zs = { id: 'wx-zs', name: 'Sunny' }
    expect(await a.say(zs, '这款面膜多少钱一盒？')).toEqual([])
    expect(await a.say(zs, '好的谢谢')).toEqual([])
    expect(a.store.orders.all()).toEqual([])
    const [reply] = await a.say(zs, '面膜2盒')
    expect(reply).toContain('已收到您的订单：面膜×2盒')
    const order = a.store.orders.all()[0]
    expect(order?.customerId).toBe('c1')
    expect(order?.agentId).toBe(a.wangAgent.id)
    expect(a.store.outbox.all().find(e => e.kind === 'alert')?.text).toContain('客户 张三 自己在微信上下单了')
  })

  it('no alert without a recent reactivation', async () => {
    const a = await app()
    await a.say({ id: 'wx-zs', name: 'Sunny' }, '还有货吗')
    expect(a.store.outbox.all()).toEqual([])
  })
})
