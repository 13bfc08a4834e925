/**
 * One `recordOrder` for chat 报单, customers' own orders and import: one identity rule, costing and
 * catalogue learning once, a result the caller turns into its reply or report line.
 */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { blankProduct } from '../../src/domain/catalogue/catalogue.js'
import { importOrders } from '../../src/app/io/import-orders.js'
import { type OrderInput, type Recorder, recordOrder } from '../../src/app/ledger/record-order.js'
import type { Store } from '../../src/domain/ports.js'
import type { Customer, Order } from '../../src/domain/types.js'
import { aCustomer } from '../helpers/builders.js'
import { makeTestApp, NOW } from '../helpers/test-app.js'

function seeded(): Store {
  const store = createMemoryStore()
  store.customers.add(aCustomer({ id: 'c1', name: '张三', phone: '13800138000', agentId: 'a1' }))
  store.customers.add(aCustomer({ id: 'c2', name: '李四', agentId: 'a1' }))
  store.customers.add(aCustomer({ id: 'c3', name: '王五', agentId: 'a1' }))
  store.customers.add(aCustomer({ id: 'c4', name: '王五', agentId: 'a1', phone: '13900139000' }))
  store.customers.add(aCustomer({ id: 'c5', name: '赵六', agentId: null }))
  store.customers.add(aCustomer({ id: 'c6', name: '孙七', agentId: 'a2', phone: '13700137000', externalId: 'X9' }))
  for (let i = 0; i < 6; i++) store.nextSeq('customer')
  return store
}

function input(who: Partial<OrderInput['customer']>, over: Partial<OrderInput> = {}): OrderInput {
  return {
    customer: { name: null, phone: null, address: null, ...who },
    lines: [{ name: '面膜', qty: 2, unit: '盒', unitPriceFen: null, amountFen: null, spec: null }],
    amountFen: 39800,
    payment: 'paid',
    paidFen: 39800,
    date: null,
    note: null,
    ...over,
  }
}

const agent: Recorder = { agentId: 'a1', ownCustomersOnly: true, by: 'wx-wang', sourceId: 'm1', day: '2026-11-23' }
const merchant: Recorder = { agentId: null, ownCustomersOnly: false, by: 'wx-boss', sourceId: 'm1', day: '2026-11-23' }
const importer: Recorder = { agentId: null, ownCustomersOnly: false, by: 'import', sourceId: 'import:1', day: '2026-11-20', once: true, customerSource: 'import' }

/** What happened, in one comparable word: the customer id the order went to, `new:<id>`, or the result kind. */
function outcome(store: Store, who: Partial<OrderInput['customer']>, by: Recorder): string {
  const r = recordOrder({ store }, input(who), by, NOW)
  if (r.kind !== 'recorded') return r.kind
  return r.isNew ? `new:${r.customer.id}` : r.customer.id
}

describe('recordOrder finds the customer by the one identity rule', () => {
  it.each<[string, Partial<OrderInput['customer']>, Recorder, string]>([
    ['phone match', { name: '张三', phone: '13800138000' }, agent, 'c1'],
    ['phone match, whatever name is written', { name: '老张', phone: '13800138000' }, agent, 'c1'],
    ['name match within the agent', { name: '李四' }, agent, 'c2'],
    ['the same name under the merchant is someone else', { name: '李四' }, merchant, 'new:c7'],
    ['ambiguous name', { name: '王五' }, agent, 'ambiguous'],
    ['the phone of one namesake', { name: '王五', phone: '13900139000' }, agent, 'c4'],
    ['a new customer', { name: '周八', phone: '13600136000' }, agent, 'new:c7'],
    ['phone only, new', { phone: '13600136000' }, agent, 'new:c7'],
    ['the merchant\'s own customer (agent null)', { name: '赵六' }, merchant, 'c5'],
    ['the merchant\'s customer is not the agent\'s', { name: '赵六' }, agent, 'new:c7'],
    ['another agent\'s phone, from an agent', { phone: '13700137000' }, agent, 'not-theirs'],
    ['another agent\'s phone, from the merchant', { phone: '13700137000' }, merchant, 'c6'],
    ['nobody named', {}, agent, 'missing'],
    ['external id from import', { name: '别名', externalId: 'X9' }, importer, 'c6'],
    ['new external id, a namesake notwithstanding', { name: '赵六', externalId: 'Y1' }, importer, 'new:c7'],
  ])('%s', (_case, who, by, expected) => {
    const store = seeded()
    expect(outcome(store, who, by)).toBe(expected)
    const recorded = !['ambiguous', 'missing', 'not-theirs'].includes(expected)
    expect(store.orders.all()).toHaveLength(recorded ? 1 : 0)
  })

  it('an ambiguous name names the candidates and records nothing', () => {
    const store = seeded()
    const r = recordOrder({ store }, input({ name: '王五' }), agent, NOW)
    expect(r).toMatchObject({ kind: 'ambiguous', name: '王五' })
    expect(r.kind === 'ambiguous' && r.candidates.map(c => c.id)).toEqual(['c3', 'c4'])
    expect(store.customers.all()).toHaveLength(6)
  })

  it('a new customer belongs to the recording agent; one from an import keeps its id and source', () => {
    const store = seeded()
    const r = recordOrder({ store }, input({ name: '周八', phone: '13600136000', address: '杭州市西湖区' }), agent, NOW)
    expect(r.kind === 'recorded' && r.customer).toMatchObject({ id: 'c7', agentId: 'a1', name: '周八', phone: '13600136000', address: '杭州市西湖区', source: null, externalId: null })
    const i = recordOrder({ store }, input({ externalId: 'Y1' }), importer, NOW)
    expect(i.kind === 'recorded' && i.customer).toMatchObject({ id: 'c8', agentId: null, name: '客户Y1', externalId: 'Y1', source: 'import' })
  })

  it('a phoneless namesake takes the phone written; a phone on record stays', () => {
    const store = seeded()
    recordOrder({ store }, input({ name: '李四', phone: '13500135000' }), agent, NOW)
    expect(store.customers.byId('c2')!.phone).toBe('13500135000')
    recordOrder({ store }, input({ name: '张三', phone: '13800138000', address: '北京' }), { ...agent, sourceId: 'm2' }, NOW)
    expect(store.customers.byId('c1')).toMatchObject({ phone: '13800138000', address: '北京' })
  })

  it('the sender as the customer (their own order): nobody is looked up, a phone no one has becomes theirs', () => {
    const store = seeded()
    const me = store.customers.byId('c2')!
    const own: Recorder = { agentId: 'a1', ownCustomersOnly: false, by: 'wx-li4', sourceId: 'm9', day: '2026-11-23', customer: me }
    const r = recordOrder({ store }, input({ phone: '13800138000' }), own, NOW)
    expect(r.kind === 'recorded' && [r.customer.id, r.customer.phone]).toEqual(['c2', null])
    const again = recordOrder({ store }, input({ phone: '13500135000' }), { ...own, sourceId: 'm10' }, NOW)
    expect(again.kind === 'recorded' && [again.customer.id, again.customer.phone]).toEqual(['c2', '13500135000'])
  })
})

describe('recordOrder records the order once', () => {
  it('a source id seen before is a duplicate when the recorder asks for once', () => {
    const store = seeded()
    expect(recordOrder({ store }, input({ name: '赵六' }), importer, NOW).kind).toBe('recorded')
    const again = recordOrder({ store }, input({ name: '赵六' }), importer, NOW)
    expect(again).toMatchObject({ kind: 'duplicate', of: { id: 'o1' } })
    expect(store.orders.all()).toHaveLength(1)
  })

  it('fills the order from the draft and the recorder, costs it from the catalogue and teaches the catalogue once', () => {
    const store = seeded()
    store.products.add({ ...blankProduct('p1', '面膜', '2026-11-01T00:00:00.000Z'), costFen: 5000 })
    store.nextSeq('product')
    const r = recordOrder({ store }, input({ name: '李四' }, { payment: 'deposit', paidFen: 10000, date: '2026-11-20', note: '加急' }), agent, NOW)
    expect(r.kind === 'recorded' && r.order).toMatchObject({
      id: 'o1', no: 1, sourceMessageId: 'm1', recordedBy: 'wx-wang', agentId: 'a1', customerId: 'c2', placedOn: '2026-11-20',
      recordedAt: NOW.toISOString(), amountFen: 39800, costFen: 10000, payment: 'deposit', paidFen: 10000, status: 'active', note: '加急',
    })
    expect(store.products.all()).toHaveLength(1)
    expect(store.products.byName('面膜')).toMatchObject({ lines: 1, unit: '盒' })
  })

  it('a line without a product is stored as 商品 and teaches the catalogue nothing', () => {
    const store = seeded()
    const lines = [{ name: '', qty: null, unit: null, unitPriceFen: null, amountFen: 39800, spec: null }]
    const r = recordOrder({ store }, input({ name: '赵六' }, { lines }), importer, NOW)
    expect(r.kind === 'recorded' && r.order.lines.map(l => l.name)).toEqual(['商品'])
    expect(store.products.all()).toEqual([])
  })
})

describe('chat and import record the same order identically', () => {
  /** What both paths can state: the file has no unit column, and provenance differs by design. */
  const stated = (o: Order) => ({ ...o, sourceMessageId: '-', recordedBy: '-', recordedAt: '-', lines: o.lines.map(l => ({ name: l.name, qty: l.qty, costFen: l.costFen })) })
  const person = (c: Customer) => ({ ...c, source: '-' })

  it.each([
    ['a new customer', ''],
    ['an existing namesake without a phone', '张三'],
  ])('%s', async (_case, seedName) => {
    const seed = () => {
      const store = createMemoryStore()
      if (seedName) {
        store.customers.add(aCustomer({ id: 'c1', name: seedName }))
        store.nextSeq('customer')
      }
      store.products.add({ ...blankProduct('p1', '面膜', '2026-11-01T00:00:00.000Z'), costFen: 5000 })
      store.nextSeq('product')
      return store
    }
    const chat = makeTestApp({ store: seed() })
    const [reply] = await chat.say(chat.boss, '张三 13800138000 面膜2盒 398 已付')
    expect(reply).toMatch(/^✅ 已记录/)
    const imported = seed()
    const row = { 客户: '张三', 电话: '13800138000', 日期: '2026-11-23', 金额: '398', 商品: '面膜', 数量: '2' }
    const report = importOrders(imported, [{ line: 2, values: row }], { mapping: { name: '客户', phone: '电话', date: '日期', amount: '金额', product: '商品', qty: '数量' }, now: NOW })
    expect(report).toMatchObject({ imported: 1, customersCreated: seedName ? 0 : 1, bad: [] })
    const [fromChat] = chat.store.orders.all()
    const [fromImport] = imported.orders.all()
    expect(stated(fromImport!)).toEqual(stated(fromChat!))
    expect(fromChat!.costFen).toBe(10000)
    expect(imported.customers.all().map(person)).toEqual(chat.store.customers.all().map(person))
    expect(imported.products.byName('面膜')?.lines).toBe(chat.store.products.byName('面膜')?.lines)
  })
})
