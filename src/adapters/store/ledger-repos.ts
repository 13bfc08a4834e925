/**
 * The collections the classification reads (agents, products, customers, orders, payments, refunds), over the
 * state store's data and indexes. Changes are noted in the change log for the next write.
 */
import type { Store } from '../../domain/ports.js'
import { productKey } from '../../domain/catalogue/product-key.js'
import type { Agent, Customer, Order, Product } from '../../domain/types.js'
import type { StateContext } from './state-context.js'
import { addRecord, putRecord, removeRecords } from './state-context.js'
import type { DbData } from './schema.js'

export type LedgerRepos = Pick<Store, 'agents' | 'products' | 'customers' | 'orders' | 'payments' | 'refunds'>

/** The ledger's repositories over the shared state. */
export function createLedgerRepos(cx: StateContext): LedgerRepos {
  return {
  agents: {
    all: () => cx.data.agents,
    byId: (id: string) => cx.ix.agents.get(id),
    byContact: (contactId: string) => cx.ix.agents.one('byContact', contactId),
    byName: (name: string) => cx.ix.agents.one('byName', name),
    add: (agent: Agent) => addRecord(cx, 'agents', agent),
    update: (agent: Agent) => void putRecord(cx, 'agents', agent, true),
  },
  products: {
    all: () => cx.data.products,
    byId: (id: string) => cx.ix.products.get(id),
    byName(name: string) {
      const key = productKey(name)
      return cx.ix.products.many('byName', key).at(-1) ?? cx.ix.products.many('byAlias', key).at(-1)
    },
    add: (product: Product) => addRecord(cx, 'products', product),
    update: (product: Product) => void putRecord(cx, 'products', product, true),
    remove: (id: string) => removeRecords(cx, 'products', id),
  },
  customers: {
    all: () => cx.data.customers,
    byId: (id: string) => cx.ix.customers.get(id),
    byPhone: (phone: string) => cx.ix.customers.one('byPhone', phone),
    byExternalId: (externalId: string) => cx.ix.customers.one('byExternalId', externalId),
    // Few customers share a name across agents: one index by name serves both questions.
    byName: (agentId: string | null, name: string) => cx.ix.customers.many('byAnyName', name).filter(c => c.agentId === agentId),
    named: (name: string) => cx.ix.customers.many('byAnyName', name),
    byContact: (contactId: string) => cx.ix.customers.one('byContact', contactId),
    ofAgent: (agentId: string | null) => cx.ix.customers.many('byAgent', agentId ?? ''),
    add: (customer: Customer) => addRecord(cx, 'customers', customer),
    update: (customer: Customer) => void putRecord(cx, 'customers', customer, true),
  },
  orders: {
    all: () => cx.data.orders,
    byId: (id: string) => cx.ix.orders.get(id),
    byNo: (no: number) => cx.ix.orders.one('byNo', String(no)),
    bySource: (sourceMessageId: string) => cx.ix.orders.many('bySource', sourceMessageId),
    ofCustomer: (customerId: string) => cx.ix.orders.many('byCustomer', customerId),
    lastRecordedBy(senderId: string) {
      for (let i = cx.data.orders.length - 1; i >= 0; i--) {
        const o = cx.data.orders[i]!
        if (o.recordedBy === senderId && o.status === 'active') return o
      }
      return undefined
    },
    placedOn: (day: string) => cx.data.orders.filter(o => o.placedOn === day),
    add: (order: Order) => addRecord(cx, 'orders', order),
    update(order: Order) {
      const old = cx.ix.orders.get(order.id)
      // The number places the order in its part on disk (and is what agents quote): it never changes.
      if (old && old.no !== order.no) throw new Error(`order ${order.id}: its number cannot change`)
      putRecord(cx, 'orders', order, true)
    },
  },
  payments: {
    all: () => cx.data.payments,
    ofCustomer: (customerId: string) => cx.ix.payments.many('byCustomer', customerId),
    add: (payment: DbData['payments'][number]) => addRecord(cx, 'payments', payment),
  },
  refunds: {
    all: () => cx.data.refunds,
    add: (refund: DbData['refunds'][number]) => addRecord(cx, 'refunds', refund),
  },
  }
}
