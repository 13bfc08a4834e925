/**
 * The collections the classification reads (agents, products, customers, orders, payments, refunds), over the
 * state store's data and indexes. Changes are noted in the change log for the next write.
 */
import type { Store } from '../../domain/ports.js'
import { productKey } from '../../domain/catalogue/product-key.js'
import type { Agent, Customer, Order, Product } from '../../domain/types.js'
import type { StateContext } from './state-context.js'
import { indexCustomer, indexOrder, nameKey, productIndex, push, unindexCustomer } from './indexes.js'
import { putById } from './state-context.js'
import type { DbData } from './schema.js'

export type LedgerRepos = Pick<Store, 'agents' | 'products' | 'customers' | 'orders' | 'payments' | 'refunds'>

/** The ledger's repositories over the shared state. */
export function createLedgerRepos(cx: StateContext): LedgerRepos {
  const { changes } = cx
  return {
  agents: {
    all: () => cx.data.agents,
    byId: (id: string) => cx.ix.agents.get(id),
    byContact: (contactId: string) => cx.data.agents.find(a => a.contactId === contactId),
    byName: (name: string) => cx.data.agents.find(a => a.name === name),
    add(agent: Agent) {
      cx.data.agents.push(agent)
      cx.ix.agents.set(agent.id, agent)
      changes.main('agents')
    },
    update(agent: Agent) {
      putById(cx.data.agents, cx.ix.agents, agent)
      changes.main('agents')
    },
  },
  products: {
    all: () => cx.data.products,
    byId: (id: string) => cx.data.products.find(p => p.id === id),
    byName: (name: string) => cx.ix.productsByKey.get(productKey(name)),
    add(product: Product) {
      cx.data.products.push(product)
      cx.ix.productsByKey = productIndex(cx.data.products)
      changes.main('products')
    },
    update(product: Product) {
      const at = cx.data.products.findIndex(p => p.id === product.id)
      if (at < 0) throw new Error(`no product with id ${product.id}`)
      const old = cx.data.products[at]!
      cx.data.products[at] = product
      // Learning from an order changes only prices and counts: the same keys then point to the new record.
      if (old.name === product.name && old.aliases.join('\u0000') === product.aliases.join('\u0000')) {
        for (const n of [product.name, ...product.aliases]) {
          if (cx.ix.productsByKey.get(productKey(n)) === old) cx.ix.productsByKey.set(productKey(n), product)
        }
      }
      else {
        cx.ix.productsByKey = productIndex(cx.data.products)
      }
      changes.main('products')
    },
    remove(id: string) {
      cx.data.products = cx.data.products.filter(p => p.id !== id)
      cx.ix.productsByKey = productIndex(cx.data.products)
      changes.main('products')
    },
  },
  customers: {
    all: () => cx.data.customers,
    byId: (id: string) => cx.ix.customers.get(id),
    byPhone: (phone: string) => cx.ix.customersByPhone.get(phone),
    byExternalId: (externalId: string) => cx.ix.customersByExternal.get(externalId),
    byName: (agentId: string | null, name: string) => [...(cx.ix.customersByName.get(nameKey(agentId, name)) ?? [])],
    named: (name: string) => cx.data.customers.filter(c => c.name === name || c.aliases.includes(name)),
    byContact: (contactId: string) => cx.ix.customersByContact.get(contactId),
    ofAgent: (agentId: string | null) => [...(cx.ix.customersByAgent.get(agentId ?? '')?.values() ?? [])],
    add(customer: Customer) {
      cx.data.customers.push(customer)
      indexCustomer(cx.ix, customer)
      changes.put('customers', customer, undefined)
    },
    update(customer: Customer) {
      const old = cx.ix.customers.get(customer.id)
      if (old) unindexCustomer(cx.ix, old, customer)
      putById(cx.data.customers, cx.ix.customers, customer)
      indexCustomer(cx.ix, customer)
      changes.put('customers', customer, old)
    },
  },
  orders: {
    all: () => cx.data.orders,
    byId: (id: string) => cx.ix.orders.get(id),
    byNo: (no: number) => cx.ix.orders.byNo(no),
    bySource(sourceMessageId: string) {
      const found = cx.ix.ordersBySource.get(sourceMessageId)
      return found === undefined ? [] : Array.isArray(found) ? [...found] : [found]
    },
    ofCustomer: (customerId: string) => (cx.ix.ordersByCustomer.get(customerId) ?? []).map(id => cx.ix.orders.get(id)!),
    lastRecordedBy(senderId: string) {
      for (let i = cx.data.orders.length - 1; i >= 0; i--) {
        const o = cx.data.orders[i]!
        if (o.recordedBy === senderId && o.status === 'active') return o
      }
      return undefined
    },
    placedOn: (day: string) => cx.data.orders.filter(o => o.placedOn === day),
    add(order: Order) {
      cx.data.orders.push(order)
      indexOrder(cx.ix, order)
      changes.put('orders', order, undefined)
    },
    update(order: Order) {
      const old = cx.ix.orders.get(order.id)
      // The number places the order in its part on disk (and is what agents quote): it never changes.
      if (old && old.no !== order.no) throw new Error(`order ${order.id}: its number cannot change`)
      if (old && old.customerId !== order.customerId) {
        const list = cx.ix.ordersByCustomer.get(old.customerId) ?? []
        cx.ix.ordersByCustomer.set(old.customerId, list.filter(id => id !== order.id))
        push(cx.ix.ordersByCustomer, order.customerId, order.id)
      }
      putById(cx.data.orders, cx.ix.orders, order)
      const same = cx.ix.ordersBySource.get(order.sourceMessageId)
      cx.ix.ordersBySource.set(order.sourceMessageId, Array.isArray(same) ? same.map(o => o.id === order.id ? order : o) : order)
      changes.put('orders', order, old)
    },
  },
  payments: {
    all: () => cx.data.payments,
    ofCustomer: (customerId: string) => [...(cx.ix.paymentsByCustomer.get(customerId) ?? [])],
    add(payment: DbData['payments'][number]) {
      cx.data.payments.push(payment)
      push(cx.ix.paymentsByCustomer, payment.customerId, payment)
      changes.put('payments', payment, undefined)
    },
  },
  refunds: {
    all: () => cx.data.refunds,
    add(refund: DbData['refunds'][number]) {
      cx.data.refunds.push(refund)
      changes.put('refunds', refund, undefined)
    },
  },
  }
}
