/** A customer ordering by themself in a direct message links their WeChat to their record (issue 5 item 4c). */
import { describe, expect, it } from 'vitest'
import { PASSED_ON } from '../../src/app/router/own-order.js'
import { aCustomer } from '../helpers/builders.js'
import { withAgents } from '../helpers/test-app.js'
import { replyShape } from '../reliability/reply-shapes.js'

async function app() {
  const a = await withAgents()
  const wang = a.store.agents.byName('小王')!
  a.store.customers.add(aCustomer({ id: 'c1', name: '张三', agentId: wang.id, phone: '13800138000' }))
  a.store.customers.add(aCustomer({ id: 'c2', name: '李四', agentId: wang.id, phone: '13900139000', contactId: 'wx-lisi' }))
  await a.store.commit()
  return { ...a, wangAgent: wang }
}

const stranger = { id: 'wx-new', name: '陌生人' }

describe('a customer\'s own order by chat', () => {
  it('links the sender to the customer with that phone, records the order for the customer\'s agent, and tells the agent', async () => {
    const a = await app()
    const [reply] = await a.say(stranger, '面膜2盒 398 13800138000')
    expect(reply).toBe('✅ 已收到您的订单：面膜×2盒 ¥398。我们会尽快和您确认。')
    const customer = a.store.customers.byId('c1')!
    expect(customer.contactId).toBe('wx-new')
    const [order] = a.store.orders.ofCustomer('c1')
    expect(order).toMatchObject({ agentId: a.wangAgent.id, amountFen: 39800, recordedBy: 'wx-new' })
    const alert = a.store.outbox.all().find(e => e.kind === 'alert' && e.customerId === 'c1')!
    expect(alert.to).toEqual({ contactId: 'wx-wang' })
    expect(alert.text).toMatch(/客户 张三 自己在微信上下单了：#\d+ 面膜×2盒 ¥398/)
    // From now on they are that customer: 退订 works, data commands get nothing.
    expect(await a.say(stranger, '退订')).toEqual(['好的，以后不再给你发送活动和提醒消息。想恢复时回复“订阅”即可。'])
    expect(await a.say(stranger, '概览')).toEqual([])
  })

  it('takes 退订 with punctuation or a few words around it', async () => {
    const a = await app()
    await a.say(stranger, '面膜2盒 398 13800138000')
    expect(await a.say(stranger, '我要退订。')).toEqual(['好的，以后不再给你发送活动和提醒消息。想恢复时回复“订阅”即可。'])
    expect(a.store.customers.byId('c1')!.optedOut).toBe(true)
    expect(await a.say(stranger, '订阅！')).toEqual(['好的，已恢复，之后有活动会再通知你。'])
  })

  it('drops marketing planned for a customer when an agent unbinds them', async () => {
    const a = await app()
    await a.say(stranger, '面膜2盒 398 13800138000')
    a.store.outbox.add({ id: 'x1', dedupeKey: 'reactivation:c1:p', kind: 'reactivation', to: { contactId: 'wx-new' }, text: '好久不见', customerId: 'c1', status: 'planned', attempts: 0, plannedAt: '2026-11-23T00:00:00.000Z', nextAttemptAt: '2026-11-23T00:00:00.000Z' })
    await a.say(a.wang, '解绑 张三')
    expect(a.store.outbox.all().find(e => e.id === 'x1')).toMatchObject({ status: 'skipped' })
  })

  it('gives nothing and links nothing for an unknown phone, a customer already linked, a group, or no phone', async () => {
    const a = await app()
    expect(await a.say(stranger, '面膜2盒 398 13700137000')).toEqual([])
    expect(await a.say(stranger, '精华1瓶 199 13900139000')).toEqual([])
    expect(await a.say(stranger, '张三 面膜2盒 398')).toEqual([])
    expect(await a.say(stranger, '面膜2盒 398 13800138000', { room: a.room })).toEqual([])
    expect(a.store.customers.byId('c1')!.contactId).toBeNull()
    expect(a.store.customers.byId('c2')!.contactId).toBe('wx-lisi')
    expect(a.store.orders.all()).toHaveLength(0)
  })
})

describe('a linked customer\'s own order is never lost (issue 12 item 7)', () => {
  const zs = { id: 'wx-zs', name: 'Sunny' }
  /** 张三 (c1, 小王's) linked to the contact Sunny; 李四 (c2) is another customer of 小王. */
  async function linked() {
    const a = await app()
    a.store.customers.update({ ...a.store.customers.byId('c1')!, contactId: 'wx-zs' })
    await a.store.commit()
    return a
  }
  const alertsTo = (a: Awaited<ReturnType<typeof app>>, contactId: string) =>
    a.store.outbox.all().filter(e => e.kind === 'alert' && e.to.contactId === contactId).map(e => e.text)

  // Before: the chatter filter read a customer's 给我, 您好 or a final 吧 as chat, and nothing was said.
  it.each([
    ['面膜2盒', '面膜×2盒'],
    ['再给我来两盒面膜', '面膜×2盒'],
    ['您好，面膜2盒', '面膜×2盒'],
    ['你好！在吗？面膜2盒', '面膜×2盒'],
    ['我要面膜2盒 398元', '面膜×2盒 ¥398'],
    ['给我寄2盒面膜', '面膜×2盒'],
    ['要两盒面膜吧', '面膜×2盒'],
    ['我还要3盒面膜', '面膜×3盒'],
    ['麻烦帮我下单面膜2盒', '面膜×2盒'],
  ])('a second order “%s” is recorded and acknowledged', async (text, what) => {
    const a = await linked()
    expect(await a.say(zs, '面膜1盒 199')).toEqual(['✅ 已收到您的订单：面膜×1盒 ¥199。我们会尽快和您确认。'])
    const [reply] = await a.say(zs, text)
    expect(reply).toBe(`✅ 已收到您的订单：${what}。我们会尽快和您确认。`)
    expect(a.store.orders.ofCustomer('c1')).toHaveLength(2)
    expect(alertsTo(a, 'wx-wang')).toHaveLength(2)
  })

  it('records for the sender even when another customer of the agent has the same name and no phone tells them apart', async () => {
    const a = await app()
    a.store.customers.add(aCustomer({ id: 'c3', name: '阿芳', agentId: a.wangAgent.id, contactId: 'wx-af' }))
    a.store.customers.add(aCustomer({ id: 'c4', name: '阿芳', agentId: a.wangAgent.id }))
    expect(await a.say({ id: 'wx-af', name: '阿芳妈妈' }, '面膜2盒 398')).toEqual(['✅ 已收到您的订单：面膜×2盒 ¥398。我们会尽快和您确认。'])
    expect(a.store.orders.ofCustomer('c3')).toHaveLength(1)
    expect(a.store.orders.ofCustomer('c4')).toHaveLength(0)
  })

  it('a phone no customer has is theirs: kept on a customer who had none, quoted to the agent otherwise', async () => {
    const a = await app()
    a.store.customers.add(aCustomer({ id: 'c3', name: '王五', agentId: a.wangAgent.id, contactId: 'wx-ww' }))
    const ww = { id: 'wx-ww', name: 'ww' }
    expect(await a.say(ww, '面膜2盒 398 13700137000')).toEqual(['✅ 已收到您的订单：面膜×2盒 ¥398。我们会尽快和您确认。'])
    expect(a.store.customers.byId('c3')!.phone).toBe('13700137000')
    const b = await linked()
    expect(await b.say(zs, '面膜2盒 398 13600136000')).toEqual(['✅ 已收到您的订单：面膜×2盒 ¥398。我们会尽快和您确认。'])
    expect(b.store.customers.byId('c1')!.phone).toBe('13800138000')
    expect(alertsTo(b, 'wx-wang')[0]).toBe('🛒 客户 张三 自己在微信上下单了：#1 面膜×2盒 ¥398\n（订单里写的电话：13600136000）\n请尽快确认发货。')
  })

  it.each([
    ['李四 面膜2盒', '写的客户是“李四”'],
    ['面膜2盒 13900139000', '电话 13900139000 已登记在另一位客户名下'],
    ['张三 面膜2盒 398\n李四 精华1瓶 199', '一条消息里有 2 单'],
    ['面膜0盒', '“面膜”的数量是0，请写实际买了几件，如“面膜2盒”'],
    ['再来一单', '没写要什么商品，可能是照上次的'],
    ['老样子再来一份', '没写要什么商品，可能是照上次的'],
  ])('“%s” cannot be recorded as it is: the agent gets it with who sent it, the customer hears it was passed on', async (text, why) => {
    const a = await linked()
    const [reply] = await a.say(zs, text)
    expect(reply).toBe(PASSED_ON)
    expect(replyShape(reply!)).toBe('own order passed on')
    expect(a.store.orders.all()).toEqual([])
    expect(alertsTo(a, 'wx-wang')).toEqual([`📨 客户 张三（微信：Sunny）发来一条订单，没能自动记录（${why}），请跟进：\n“${text}”`])
    expect(a.store.customers.byId('c1')!.lastInteractionAt).toBeDefined()
  })

  it('passes it on to every admin when the customer has no agent, or their agent was removed', async () => {
    const a = await app()
    a.store.admins.add({ contactId: 'wx-boss2', name: '老板娘', boundAt: '2026-11-01T00:00:00.000Z' })
    a.store.customers.add(aCustomer({ id: 'c5', name: '钱八', agentId: null, phone: '13377778888', contactId: 'wx-qb' }))
    expect(await a.say({ id: 'wx-qb', name: 'qb' }, '李四 面膜2盒')).toEqual([PASSED_ON])
    expect(a.store.outbox.all().filter(e => e.kind === 'alert').map(e => e.to.contactId).sort()).toEqual(['wx-boss', 'wx-boss2'])
    await a.say(a.boss, '代理 删除 小王')
    a.store.customers.update({ ...a.store.customers.byId('c1')!, contactId: 'wx-zs' })
    expect(await a.say(zs, '李四 面膜2盒')).toEqual([PASSED_ON])
    expect(alertsTo(a, 'wx-wang')).toEqual([])
    expect(alertsTo(a, 'wx-boss')).toHaveLength(2)
  })

  it.each([
    '这款面膜多少钱一盒？', '在吗？面膜还有货吗', '好的谢谢', '我买了2盒面膜，很好用', '3盒不够用', '昨天买的2盒收到了', '我要退2盒面膜', '我们下周再订吧', '在吗',
  ])('“%s” is talk: no reply, nothing recorded, nobody alerted', async (text) => {
    const a = await linked()
    expect(await a.say(zs, text)).toEqual([])
    expect(a.store.orders.all()).toEqual([])
    expect(a.store.outbox.all()).toEqual([])
  })

  it('backlog delivered after a restart is recorded or passed on too, without a reply', async () => {
    const a = await linked()
    expect(await a.say(zs, '再给我来两盒面膜', { stale: true })).toEqual([])
    expect(await a.say(zs, '李四 面膜2盒', { stale: true })).toEqual([])
    expect(a.store.orders.ofCustomer('c1')).toHaveLength(1)
    expect(alertsTo(a, 'wx-wang')).toHaveLength(2)
    // Delivered again, it changes nothing.
    expect(await a.say(zs, '再给我来两盒面膜', { stale: true, id: 'm-late' })).toEqual([])
    expect(await a.say(zs, '再给我来两盒面膜', { stale: true, id: 'm-late' })).toEqual([])
    expect(a.store.orders.ofCustomer('c1')).toHaveLength(2)
  })

  it('a stranger still gets nothing: no reply, no record, no alert', async () => {
    const a = await app()
    for (const text of ['面膜2盒 398 13700137000', '再来一单', '李四 面膜2盒', '面膜0盒 13800138000', '您好，面膜2盒'])
      expect(await a.say(stranger, text), text).toEqual([])
    expect(a.store.orders.all()).toEqual([])
    expect(a.store.outbox.all()).toEqual([])
    expect(a.store.customers.all().filter(c => c.contactId === 'wx-new')).toEqual([])
  })
})
