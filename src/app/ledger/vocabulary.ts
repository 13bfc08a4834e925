/**
 * The merchant's own words, from the ledger: product names and aliases from the catalogue, and
 * customer names and aliases. A learned product joins once it was ordered twice, so one slip of the pen
 * is not a word of the merchant's; products an admin or a CSV described join at once. They let the
 * parser split `张三面膜2盒` and find a buyer named on the last line of a list. Customers are kept up
 * to date by reading only what was added since the last look.
 */
import type { Store } from '../../domain/ports.js'
import type { Customer } from '../../domain/types.js'
import { storeIdentity } from '../store-identity.js'

export interface Vocabulary {
  /** Product names and aliases from the catalogue. */
  products(): readonly string[]
  customers(): ReadonlySet<string>
}

interface Learned {
  productsAt: number
  products: readonly string[]
  customersList: readonly Customer[] | null
  seenCustomers: number
  customers: Set<string>
}

const learnedByStore = new WeakMap<Store, Learned>()

/** Catches up with orders and customers added since the last call (all of them after a reload). */
function catchUp(store: Store): Learned {
  let l = learnedByStore.get(storeIdentity(store))
  if (!l) {
    l = { productsAt: -1, products: [], customersList: null, seenCustomers: 0, customers: new Set() }
    learnedByStore.set(storeIdentity(store), l)
  }
  if (l.productsAt !== store.revision()) {
    l.products = store.products.all()
      .filter(p => p.lines >= 2 || p.priceFen !== null || p.costFen !== null || p.aliases.length > 0)
      .flatMap(p => [p.name, ...p.aliases])
      .filter(name => name.length >= 2)
    l.productsAt = store.revision()
  }
  // A different array, or a shorter one (a rolled-back write), means reading again from the start.
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

/** The vocabulary of one store. */
export function vocabularyOf(store: Store): Vocabulary {
  return {
    products: () => catchUp(store).products,
    customers: () => catchUp(store).customers,
  }
}
