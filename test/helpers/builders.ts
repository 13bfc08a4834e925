/** Small builders for records in tests. */
import type { OutboxEntry } from '../../src/domain/outreach/outbox.js'
import type { Customer, Order } from '../../src/domain/types.js'

export function aCustomer(over: Partial<Customer> & { id: string }): Customer {
  return {
    agentId: null, name: '张三', aliases: [], phone: null, address: null, externalId: null, contactId: null,
    tags: [], source: null, createdAt: '2026-11-01T00:00:00.000Z', optedOut: false, notes: null, ...over,
  }
}

export function anOrder(over: Partial<Order> & { id: string, no: number, customerId: string }): Order {
  return {
    sourceMessageId: `m-${over.id}`, recordedBy: 'wx-agent', agentId: null, placedOn: '2026-11-20',
    recordedAt: '2026-11-20T02:00:00.000Z', lines: [{ name: '面膜', qty: 2, unit: '盒', unitPriceFen: null, amountFen: null, spec: null }],
    amountFen: 39800, costFen: null, payment: 'unpaid', paidFen: 0, dueOn: null, status: 'active', refundedFen: 0, note: null, ...over,
  }
}

export function anOutboxEntry(over: Partial<OutboxEntry> & { id: string }): OutboxEntry {
  return {
    dedupeKey: `nudge:wx-wang:${over.id}`, kind: 'nudge', to: { contactId: 'wx-wang' }, text: '你好', status: 'planned', attempts: 0,
    plannedAt: '2026-11-23T01:00:00.000Z', nextAttemptAt: '2026-11-23T01:00:00.000Z', ...over,
  }
}
