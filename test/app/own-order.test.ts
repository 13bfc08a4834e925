/** A customer ordering by themself in a direct message links their WeChat to their record (issue 5 item 4c). */
import { describe, expect, it } from 'vitest'
import { aCustomer } from '../helpers/builders.js'
import { withAgents } from '../helpers/test-app.js'

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
