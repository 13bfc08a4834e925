/** One record of each stored collection with every field set, optional ones included. */
import { expect } from 'vitest'
import type { PartCollection, RecordOf } from '../../src/adapters/store/collections.js'
import type { Store } from '../../src/domain/ports.js'

const AT = '2026-11-23T08:00:00.000Z'

export const FULL_RECORDS: { [C in PartCollection]: RecordOf<C> } = {
  orders: {
    id: 'o7', no: 7, sourceMessageId: 'm-o7', recordedBy: 'wx-agent', agentId: 'a1', customerId: 'c7', placedOn: '2026-11-23', recordedAt: AT,
    lines: [{ name: '面膜', qty: 2, unit: '盒', unitPriceFen: 9900, amountFen: 19800, spec: '大号', costFen: 4500, shareFen: 19800 }],
    amountFen: 19800, costFen: 9000, payment: 'deposit', paidFen: 5000, dueOn: '2026-12-01', status: 'active', refundedFen: 100, note: '周末送',
  },
  customers: {
    id: 'c7', agentId: 'a1', name: '张三', aliases: ['老张'], phone: '13800138000', address: '广东省深圳市福田区', externalId: 'x-7', contactId: 'wx-c7',
    tags: ['VIP'], source: '导入', createdAt: AT, optedOut: true, notes: '怕冷', lastInteractionAt: AT,
    region: { province: '广东省', city: '深圳市', district: '福田区' },
    kind: 'business',
    referredBy: 'c0',
    prospect: {
      source: '朋友圈',
      firstContactAt: '2026-11-01T02:00:00.000Z',
      inquiries: [{ at: '2026-11-01T02:00:00.000Z', text: '想要面膜两盒，包邮吗' }],
      followUps: [{ at: '2026-11-03T02:00:00.000Z', by: '小王', note: '发了价格表' }],
      convertedOn: '2026-11-05',
    },
  },
  payments: { id: 'p7', sourceMessageId: 'm-p7', customerId: 'c7', agentId: 'a1', amountFen: 5000, receivedOn: '2026-11-23', recordedAt: AT, applied: [{ orderId: 'o7', amountFen: 5000 }] },
  refunds: { id: 'r7', sourceMessageId: 'm-r7', customerId: 'c7', agentId: 'a1', orderId: 'o7', amountFen: 100, refundedOn: '2026-11-23', recordedAt: AT },
  segments: { customerId: 'c7', group: 'loyal', tier: 'A', credit: 'B', atRisk: true, pAlive: 0.9, expected90: 1.5, since: '2026-11-01', asOf: '2026-11-23', reasons: ['买得勤'] },
  outbox: {
    id: 'ob7', dedupeKey: 'nudge:c7:2026-11-23', kind: 'nudge', to: { contactId: 'wx-c7', roomId: 'r@chatroom' }, text: '您好', file: { name: 'chart.png', ref: 'charts/7.png' },
    customerId: 'c7', status: 'failed', attempts: 2, plannedAt: AT, nextAttemptAt: AT, sentAt: AT, lastError: 'timeout',
  },
  transitions: { on: '2026-11-23', customerId: 'c7', from: 'nurture', to: 'loyal' },
  handled: { id: 'm-7', at: AT },
}

/** Adds a copy of each full record through the store's own repositories. */
export function addFullRecords(s: Store): void {
  const r = structuredClone(FULL_RECORDS)
  s.customers.add(r.customers)
  s.orders.add(r.orders)
  s.payments.add(r.payments)
  s.refunds.add(r.refunds)
  s.segments.put(r.segments)
  s.outbox.add(r.outbox)
  s.transitions.add(r.transitions)
  s.handled.add(r.handled.id, r.handled.at)
}

/** Each full record is in the store exactly as it was added: no field lost, none added, none changed. */
export function expectFullRecords(s: Store): void {
  expect(s.customers.byId('c7')).toStrictEqual(FULL_RECORDS.customers)
  expect(s.orders.byId('o7')).toStrictEqual(FULL_RECORDS.orders)
  expect(s.payments.ofCustomer('c7')).toStrictEqual([FULL_RECORDS.payments])
  expect(s.refunds.all()).toStrictEqual([FULL_RECORDS.refunds])
  expect(s.segments.get('c7')).toStrictEqual(FULL_RECORDS.segments)
  expect(s.outbox.get('ob7')).toStrictEqual(FULL_RECORDS.outbox)
  expect(s.transitions.on('2026-11-23')).toStrictEqual([FULL_RECORDS.transitions])
  expect(s.handled.has('m-7')).toBe(true)
}
