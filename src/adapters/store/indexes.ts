/** The in-memory indexes over the store's collections, rebuilt on load and kept up to date on change. */
import { productKey } from '../../domain/catalogue/product-key.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Agent, Customer, Order, Product, Segment } from '../../domain/types.js'
import type { DbData } from './schema.js'

/**
 * Orders by id and by number. Ids are `o<number>` in practice, so one dense array by number serves
 * both, with a map only for ids of another form: at a million orders that is one index, not two maps.
 */
class OrderTable {
  readonly #byNo: (Order | undefined)[] = []
  readonly #other = new Map<string, Order>()

  get(id: string): Order | undefined {
    if (id.charCodeAt(0) === 111 && /^o\d{1,15}$/.test(id)) {
      const o = this.#byNo[Number(id.slice(1))]
      if (o?.id === id) return o
    }
    return this.#other.get(id)
  }

  set(id: string, order: Order): void {
    this.#byNo[order.no] = order
    if (!isPlainId(id, order.no)) this.#other.set(id, order)
  }

  byNo(no: number): Order | undefined {
    return this.#byNo[no]
  }
}

/** Whether `id` is exactly `o<no>` (checked digit by digit: no string is built per order). */
function isPlainId(id: string, no: number): boolean {
  if (id.charCodeAt(0) !== 111 || id.length < 2 || id.length > 16 || id.charCodeAt(1) === 48) return false
  let n = 0
  for (let i = 1; i < id.length; i++) {
    const d = id.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    n = n * 10 + d
  }
  return n === no
}

export interface Indexes {
  agents: Map<string, Agent>
  /** Every product under the key of its name and of each alias (productKey). */
  productsByKey: Map<string, Product>
  customers: Map<string, Customer>
  customersByPhone: Map<string, Customer>
  customersByExternal: Map<string, Customer>
  customersByName: Map<string, Customer[]>
  customersByContact: Map<string, Customer>
  /** Each agent's customers by id (key '' for the merchant's own), in the order they were added. */
  customersByAgent: Map<string, Map<string, Customer>>
  orders: OrderTable
  /** One order per message id, a list for the rare message that held several orders. */
  ordersBySource: Map<string, Order | Order[]>
  ordersByCustomer: Map<string, string[]>
  paymentsByCustomer: Map<string, DbData['payments'][number][]>
  segments: Map<string, Segment>
  handled: Set<string>
  outbox: Map<string, OutboxEntry>
  outboxByKey: Map<string, OutboxEntry>
}

export function nameKey(agentId: string | null, name: string): string {
  return `${agentId ?? ''}\u0000${name}`
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export function indexCustomer(ix: Indexes, c: Customer): void {
  ix.customers.set(c.id, c)
  if (c.phone) ix.customersByPhone.set(c.phone, c)
  if (c.externalId) ix.customersByExternal.set(c.externalId, c)
  if (c.contactId) ix.customersByContact.set(c.contactId, c)
  const agentKey = c.agentId ?? ''
  const mine = ix.customersByAgent.get(agentKey)
  if (mine) mine.set(c.id, c)
  else ix.customersByAgent.set(agentKey, new Map([[c.id, c]]))
  for (const n of new Set([c.name, ...c.aliases])) push(ix.customersByName, nameKey(c.agentId, n), c)
}

/** Drops `c` from the indexes before it is replaced by `next` (or removed, when there is no next). */
export function unindexCustomer(ix: Indexes, c: Customer, next?: Customer): void {
  if (c.phone && ix.customersByPhone.get(c.phone)?.id === c.id) ix.customersByPhone.delete(c.phone)
  if (c.externalId && ix.customersByExternal.get(c.externalId)?.id === c.id) ix.customersByExternal.delete(c.externalId)
  if (c.contactId && ix.customersByContact.get(c.contactId)?.id === c.id) ix.customersByContact.delete(c.contactId)
  // Kept in place when the agent stays, so an update does not move the customer to the end of the list.
  if (next?.agentId !== c.agentId) ix.customersByAgent.get(c.agentId ?? '')?.delete(c.id)
  for (const n of new Set([c.name, ...c.aliases])) {
    const key = nameKey(c.agentId, n)
    const rest = (ix.customersByName.get(key) ?? []).filter(x => x.id !== c.id)
    if (rest.length) ix.customersByName.set(key, rest)
    else ix.customersByName.delete(key)
  }
}

export function indexOrder(ix: Indexes, o: Order): void {
  ix.orders.set(o.id, o)
  const same = ix.ordersBySource.get(o.sourceMessageId)
  if (same === undefined) ix.ordersBySource.set(o.sourceMessageId, o)
  else if (Array.isArray(same)) same.push(o)
  else ix.ordersBySource.set(o.sourceMessageId, [same, o])
  push(ix.ordersByCustomer, o.customerId, o.id)
}

/** The catalogue is small: any change re-indexes all of it. */
export function productIndex(products: readonly Product[]): Map<string, Product> {
  const map = new Map<string, Product>()
  for (const p of products) {
    for (const a of p.aliases) map.set(productKey(a), p)
  }
  // Names win over aliases when a spelling is both.
  for (const p of products) map.set(productKey(p.name), p)
  return map
}

export function buildIndexes(data: DbData): Indexes {
  const ix: Indexes = {
    agents: new Map(data.agents.map(a => [a.id, a])),
    productsByKey: productIndex(data.products),
    customers: new Map(),
    customersByPhone: new Map(),
    customersByExternal: new Map(),
    customersByName: new Map(),
    customersByContact: new Map(),
    customersByAgent: new Map(),
    orders: new OrderTable(),
    ordersBySource: new Map(),
    ordersByCustomer: new Map(),
    paymentsByCustomer: new Map(),
    segments: new Map(data.segments.map(seg => [seg.customerId, seg])),
    handled: new Set(data.handled.map(h => h.id)),
    outbox: new Map(data.outbox.map(e => [e.id, e])),
    outboxByKey: new Map(data.outbox.map(e => [e.dedupeKey, e])),
  }
  for (const p of data.payments) push(ix.paymentsByCustomer, p.customerId, p)
  for (const c of data.customers) indexCustomer(ix, c)
  for (const o of data.orders) indexOrder(ix, o)
  return ix
}
