/**
 * The merchant's own words, from the ledger: product names and aliases from the catalogue, and
 * customer names and aliases. A learned product joins once it was ordered twice, so one slip of the pen
 * is not a word of the merchant's; products an admin or a CSV described join at once. They let the
 * parser split `张三面膜2盒` and find a buyer named on the last line of a list. Customers are kept up
 * to date by reading only what was added since the last look.
 */
import type { Store } from '../../domain/ports.js'
import type { Customer, Product } from '../../domain/types.js'
import { storeIdentity } from '../store-identity.js'

export interface Vocabulary {
  /** Product names and aliases from the catalogue. */
  products(): readonly string[]
  customers(): ReadonlySet<string>
}

/** The words a product gives the parser: none until it is the merchant's (ordered twice, or described). */
function wordsOf(p: Product): readonly string[] {
  if (p.lines < 2 && p.priceFen === null && p.costFen === null && p.aliases.length === 0) return []
  return [p.name, ...p.aliases].filter(name => name.length >= 2)
}

const sameWords = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((w, i) => w === b[i])

/**
 * One store's vocabulary, caught up on each look. Every order changes the store's revision and most
 * change a product record (its count of lines, the prices seen), yet seldom the words: the product list
 * is made again only when a product's words changed, and customers are read only when added.
 */
class StoreVocabulary implements Vocabulary {
  private productsAt = -1
  private productRecords: Product[] = []
  private productWords: readonly string[] = []
  private customersList: readonly Customer[] | null = null
  private seenCustomers = 0
  private readonly customerNames = new Set<string>()
  constructor(private readonly store: Store) {}

  products(): readonly string[] {
    const revision = this.store.revision()
    if (revision === this.productsAt) return this.productWords
    this.productsAt = revision
    const all = this.store.products.all()
    const known = this.productRecords
    let same = all.length === known.length
    for (let i = 0; same && i < all.length; i++) {
      const p = all[i]!
      if (p === known[i]) continue
      same = sameWords(wordsOf(p), wordsOf(known[i]!))
      known[i] = p
    }
    if (!same) {
      this.productRecords = [...all]
      this.productWords = all.flatMap(wordsOf)
    }
    return this.productWords
  }

  customers(): ReadonlySet<string> {
    const customers = this.store.customers.all()
    // A different array, or a shorter one (a rolled-back write), means reading again from the start.
    if (customers !== this.customersList || customers.length < this.seenCustomers) this.seenCustomers = 0
    for (let i = this.seenCustomers; i < customers.length; i++) {
      const c = customers[i]!
      if (c.name.length >= 2) this.customerNames.add(c.name)
      for (const alias of c.aliases) if (alias.length >= 2) this.customerNames.add(alias)
    }
    this.customersList = customers
    this.seenCustomers = customers.length
    return this.customerNames
  }
}

const byStore = new WeakMap<Store, StoreVocabulary>()

/** The vocabulary of one store (the same one through any view of it). */
export function vocabularyOf(store: Store): Vocabulary {
  const identity = storeIdentity(store)
  let v = byStore.get(identity)
  if (!v) byStore.set(identity, v = new StoreVocabulary(identity))
  return v
}
