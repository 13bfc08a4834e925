/**
 * Deterministic data for the benchmark: a merchant's database with a given number of orders, and the
 * chat messages agents would send. Everything comes from one seeded generator, so every run measures
 * the same work.
 */
import mt19937 from '@stdlib/random-base-mt19937'
import { emptyDb, type DbData } from '../src/adapters/store/schema.js'
import type { Order } from '../src/domain/types.js'

/** Numbers in [0, 1) from a seeded Mersenne Twister (the same generator the simulations use). */
export function seeded(seed: number): () => number {
  const words = mt19937.factory({ seed: (seed >>> 0) || 1 })
  return () => words() / 4_294_967_296
}

export const AGENTS = 10
export const agentContact = (k: number): string => `wx-agent-${k}`
export const agentName = (k: number): string => `代理${'甲乙丙丁戊己庚辛壬癸'[k % 10]}`
const DIGITS = '零一二三四五六七八九'
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'
const PRODUCTS: [name: string, unit: string, priceFen: number][] = [
  ['面膜', '盒', 19900], ['精华', '瓶', 29900], ['洗面奶', '支', 8900], ['防晒霜', '支', 15900], ['眼霜', '瓶', 25900], ['爽肤水', '瓶', 12900],
]

/** A customer name no other index gives: a surname and the index spelled in Chinese digits. */
export function customerName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${String(i).split('').map(d => DIGITS[Number(d)]).join('')}`
}
export const customerPhone = (i: number): string => `13${String(100_000_000 + i).slice(-9)}`

/** A database with `orders` orders spread over `customers` customers and ten agents, over three years. */
export function buildDatabase(orders: number, customers: number, seed = 7): DbData {
  const rand = seeded(seed)
  const db = emptyDb()
  for (let k = 0; k < AGENTS; k++) db.agents.push({ id: `a${k + 1}`, name: agentName(k), contactId: agentContact(k), addedAt: '2023-01-01T00:00:00.000Z', active: true })
  db.admins.push({ contactId: 'wx-boss', name: '老板', boundAt: '2023-01-01T00:00:00.000Z' })
  for (let i = 1; i <= customers; i++) {
    db.customers.push({
      id: `c${i}`, agentId: `a${(i % AGENTS) + 1}`, name: customerName(i), aliases: [], phone: customerPhone(i), address: null,
      externalId: null, contactId: null, tags: [], source: null, createdAt: '2023-01-01T00:00:00.000Z', optedOut: false, notes: null,
    })
  }
  const start = Date.UTC(2023, 0, 1)
  for (let n = 1; n <= orders; n++) {
    const c = 1 + Math.floor(rand() * customers)
    const [name, unit, price] = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!
    const qty = 1 + Math.floor(rand() * 3)
    const day = new Date(start + Math.floor((n / orders) * 1060) * 86_400_000).toISOString().slice(0, 10)
    const order: Order = {
      id: `o${n}`, no: n, sourceMessageId: `bench-${n}`, recordedBy: agentContact(c % AGENTS), agentId: `a${(c % AGENTS) + 1}`,
      customerId: `c${c}`, placedOn: day, recordedAt: `${day}T04:00:00.000Z`,
      lines: [{ name, qty, unit, unitPriceFen: price, amountFen: price * qty, spec: null }],
      amountFen: price * qty, costFen: null, payment: 'paid', paidFen: price * qty, dueOn: null, status: 'active', refundedFen: 0, note: null,
    }
    db.orders.push(order)
  }
  db.counters = { agent: AGENTS, customer: customers, order: orders }
  return db
}

/** The 报单 an agent sends for a new customer `i` (unique name and phone, so it never needs a question). */
export function orderMessage(i: number, rand: () => number): string {
  const [name, unit, price] = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!
  const qty = 1 + Math.floor(rand() * 3)
  return `${customerName(i)} ${customerPhone(i)} ${name}${qty}${unit} ${(price * qty) / 100} 已付`
}

/** A mix of the message forms agents use (DESIGN.md section 4), plus chat that is not an order. */
export function messageMix(count: number, seed = 11): string[] {
  const rand = seeded(seed)
  const forms: ((i: number) => string)[] = [
    i => orderMessage(i, rand),
    i => `下单：${customerName(i)} 精华×${1 + (i % 3)} ¥${299 * (1 + (i % 3))} 未付`,
    i => `${customerName(i)}\n${customerPhone(i)}\n浙江省杭州市西湖区文三路${i % 500}号\n面膜 2盒\n防晒霜 1支\n合计 557 已付`,
    i => `报单 ${customerName(i)} 洗面奶3支 单价89 货到付款`,
    i => `${customerName(i)} 眼霜1瓶 259 定金100`,
    i => `11月${1 + (i % 28)}日 ${customerName(i)} 爽肤水2瓶 258 已付 备注：送小样`,
    i => `${customerName(i)}、${customerName(i + 1)} 各一盒面膜 199 已付`,
    () => '今天天气不错，大家加油！',
    () => '收到',
    i => `${customerName(i)} 付了 200`,
  ]
  return Array.from({ length: count }, (_, i) => forms[i % forms.length]!(100_000 + i))
}
