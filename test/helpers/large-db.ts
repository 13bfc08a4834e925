/** A database large enough to have several order parts: most orders long ago, the last ones this week. */
import { emptyDb, type DbData } from '../../src/adapters/store/schema.js'
import type { Order } from '../../src/domain/types.js'

/** Three order parts (20,000 orders each): the last one recorded this week, the others in 2024. */
export const LARGE_ORDERS = 45_000
const RECENT_FROM = 40_001
export const LARGE_CUSTOMERS = 50

/** Customer `i` (1–50): a surname and a given name, no digits (a digit after a name reads as a count). */
export function largeCustomerName(i: number): string {
  const k = i - 1
  return '赵钱孙李周吴郑王冯陈'[k % 10]! + '芳敏静丽强'[Math.floor(k / 10)]!
}

/** Order `n` of 小王's customer `c<1 + n % 50>`, ¥99 paid. */
export function largeOrder(n: number): Order {
  const day = n >= RECENT_FROM ? '2026-12-05' : '2024-03-01'
  return {
    id: `o${n}`, no: n, sourceMessageId: `m${n}`, recordedBy: 'wx-wang', agentId: 'a1', customerId: `c${1 + (n % LARGE_CUSTOMERS)}`,
    placedOn: day, recordedAt: `${day}T04:00:00.000Z`,
    lines: [{ name: '面膜', qty: 1, unit: '盒', unitPriceFen: 9900, amountFen: 9900, spec: null }],
    amountFen: 9900, costFen: null, payment: 'paid', paidFen: 9900, dueOn: null, status: 'active', refundedFen: 0, note: null,
  }
}

/** The merchant: agent 小王 (on `wangContact`), 50 customers, `LARGE_ORDERS` orders, a catalogue of one product. */
export function largeDatabase(wangContact = 'wx-wang'): DbData {
  const db = emptyDb()
  db.agents.push({ id: 'a1', name: '小王', contactId: wangContact, addedAt: '2024-01-01T00:00:00.000Z', active: true })
  for (let i = 1; i <= LARGE_CUSTOMERS; i++) {
    db.customers.push({ id: `c${i}`, agentId: 'a1', name: largeCustomerName(i), aliases: [], phone: null, address: null, externalId: null, contactId: null, tags: [], source: null, createdAt: '2024-01-01T00:00:00.000Z', optedOut: false, notes: null })
  }
  for (let n = 1; n <= LARGE_ORDERS; n++) db.orders.push({ ...largeOrder(n), recordedBy: wangContact })
  db.products.push({ id: 'p1', name: '面膜', aliases: [], unit: '盒', priceFen: 9900, seenPricesFen: [9900], costFen: null, lines: LARGE_ORDERS, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-03-01T00:00:00.000Z' })
  db.counters = { agent: 1, customer: LARGE_CUSTOMERS, order: LARGE_ORDERS }
  return db
}
