/** The catalogue as the ledger uses it: learning from recorded orders, costing them, and what is missing. */
import { dateOfDay, dayNumber } from '../../domain/calendar.js'
import { costLines, learnLine, seenUnitPrice } from '../../domain/catalogue/catalogue.js'
import { productKey } from '../../domain/catalogue/product-key.js'
import type { Store } from '../../domain/ports.js'
import type { Order, OrderLine, Product } from '../../domain/types.js'
import { storeIdentity } from '../store-identity.js'

/** The order with each line's cost and share filled in from the catalogue as it is now. */
export function costOrder<O extends Pick<Order, 'lines' | 'amountFen' | 'costFen'>>(store: Store, order: O): O {
  const { lines, costFen } = costLines(order.lines, order.amountFen, name => store.products.byName(name))
  return { ...order, lines, costFen }
}

/**
 * The order's shares and cost again after its amount or quantity was corrected, with the unit costs
 * it was recorded with (a cost entered since then does not reach it unless applied to history).
 */
export function recostOrder(store: Store, order: Order): Order {
  const recorded = new Map(order.lines.map(l => [productKey(l.name), l.costFen ?? null]))
  const find = (name: string): Product | undefined => {
    const p = store.products.byName(name)
    return p ? { ...p, costFen: recorded.get(productKey(name)) ?? null } : undefined
  }
  const { lines, costFen } = costLines(order.lines, order.amountFen, find)
  return { ...order, lines, costFen }
}

/** Teaches the catalogue what a recorded order says: new products, units and the prices paid. */
export function learnFromOrder(store: Store, order: Pick<Order, 'lines' | 'amountFen'>, at: string): void {
  for (const line of order.lines) {
    if (line.name.trim() === '') continue
    const known = store.products.byName(line.name)
    const next = learnLine(known, line, seenUnitPrice(line, order.amountFen, order.lines.length), () => ({ id: `p${store.nextSeq('product')}`, at }))
    if (known) {
      // `next` is a new record, not stored yet: dated in place rather than copied once more.
      next.updatedAt = at
      store.products.update(next)
    }
    else {
      store.products.add(next)
    }
  }
}

/** The lines with the catalogue's name for each product (aliases and merged spellings become one). */
export function canonicalName(store: Store, line: Pick<OrderLine, 'name'>): string {
  return store.products.byName(line.name)?.name ?? line.name
}

const missing = new WeakMap<Store, { key: string, names: string[] }>()

/** Products sold in the 12 months up to `asOf` with lines recorded without a cost, by catalogue name. */
export function productsWithoutCost(store: Store, asOf: string): string[] {
  const key = `${asOf}#${store.revision()}`
  const hit = missing.get(storeIdentity(store))
  if (hit?.key === key) return hit.names
  const from = dateOfDay(dayNumber(asOf) - 364)
  const names = new Map<string, string>()
  for (const o of store.orders.all()) {
    if (o.status !== 'active' || o.costFen !== null || o.placedOn < from || o.placedOn > asOf) continue
    for (const l of o.lines) {
      if (l.costFen !== null && l.costFen !== undefined) continue
      const name = store.products.byName(l.name)?.name ?? l.name
      names.set(productKey(name), name)
    }
  }
  const list = [...names.values()].sort((a, b) => a.localeCompare(b, 'zh'))
  missing.set(storeIdentity(store), { key, names: list })
  return list
}

/**
 * Fills an empty catalogue from the orders already recorded (a database from before the catalogue
 * existed), so products, units and usual prices are known from the first start. Returns the products.
 */
export function backfillCatalogue(store: Store, at: string): number {
  if (store.products.all().length > 0) return 0
  for (const o of store.orders.all()) if (o.status !== 'cancelled') learnFromOrder(store, o, at)
  return store.products.all().length
}
