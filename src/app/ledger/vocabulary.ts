/**
 * The merchant's own words, learned from the ledger: product names from recorded order lines and
 * customer names and aliases. A product joins once it was ordered twice, so one slip of the pen is not
 * a word of the merchant's. They let the parser split `张三面膜2盒` and find a buyer named on the
 * last line of a list. Kept up to date by reading only what was added since the last look.
 */
import type { Store } from '../../domain/ports.js'
import type { Customer, Order } from '../../domain/types.js'

export interface Vocabulary {
  /** Catalogue names first, then product names seen in orders. */
  products(): readonly string[]
  customers(): ReadonlySet<string>
}

interface Learned {
  orders: readonly Order[] | null
  seenOrders: number
  customersList: readonly Customer[] | null
  seenCustomers: number
  /** How often each product name was ordered; a name enters the vocabulary on its second order. */
  productCounts: Map<string, number>
  products: string[]
  customers: Set<string>
}

const learnedByStore = new WeakMap<Store, Learned>()

/** Catches up with orders and customers added since the last call (all of them after a reload). */
function catchUp(store: Store): Learned {
  let l = learnedByStore.get(store)
  if (!l) {
    l = { orders: null, seenOrders: 0, customersList: null, seenCustomers: 0, productCounts: new Map(), products: [], customers: new Set() }
    learnedByStore.set(store, l)
  }
  const orders = store.orders.all()
  // A different array, or a shorter one (a rolled-back write), means counting again from the start.
  if (orders !== l.orders || orders.length < l.seenOrders) {
    l.seenOrders = 0
    l.productCounts.clear()
    l.products = []
  }
  for (let i = l.seenOrders; i < orders.length; i++) {
    for (const line of orders[i]!.lines) {
      if (line.name.length < 2) continue
      const n = (l.productCounts.get(line.name) ?? 0) + 1
      l.productCounts.set(line.name, n)
      if (n === 2) l.products.push(line.name)
    }
  }
  l.orders = orders
  l.seenOrders = orders.length
  const customers = store.customers.all()
  if (customers !== l.customersList || customers.length < l.seenCustomers) l.seenCustomers = 0
  for (let i = l.seenCustomers; i < customers.length; i++) {
    const c = customers[i]!
    for (const name of [c.name, ...c.aliases]) if (name.length >= 2) l.customers.add(name)
  }
  l.customersList = customers
  l.seenCustomers = customers.length
  return l
}

/** The vocabulary of one store, with the catalogue's names in front. */
export function vocabularyOf(store: Store, catalogue: readonly string[] = []): Vocabulary {
  return {
    products: () => {
      const learned = catchUp(store).products
      return catalogue.length === 0 ? learned : [...catalogue, ...learned]
    },
    customers: () => catchUp(store).customers,
  }
}
