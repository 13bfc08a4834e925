/** Changes admins make to the catalogue (商品, `wxcrm products import`): prices, costs, aliases, merges. */
import { blankProduct } from '../../domain/catalogue/catalogue.js'
import { productKey } from '../../domain/catalogue/product-key.js'
import type { Store } from '../../domain/ports.js'
import type { Product } from '../../domain/types.js'
import { recostOrder } from './catalogue.js'

/** A new, empty catalogue entry (an admin named a product no order has used yet). */
function newProduct(store: Store, name: string, at: string): Product {
  return blankProduct(`p${store.nextSeq('product')}`, name, at)
}

/** The product by name or alias, created when missing. */
export function productNamed(store: Store, name: string, at: string): { product: Product, created: boolean } {
  const found = store.products.byName(name)
  if (found) return { product: found, created: false }
  const product = newProduct(store, name.trim(), at)
  store.products.add(product)
  return { product, created: true }
}

export interface Figures {
  costFen?: number | null
  priceFen?: number | null
  unit?: string | null
}

/**
 * Sets cost, sale price and unit (undefined leaves a figure as it is). A cost reaches orders recorded
 * from now on; with `history` it is also written into every recorded line of the product.
 */
export function setFigures(store: Store, name: string, figures: Figures, history: boolean, at: string): { product: Product, created: boolean, ordersUpdated: number } {
  const { product, created } = productNamed(store, name, at)
  const next: Product = {
    ...product,
    costFen: figures.costFen === undefined ? product.costFen : figures.costFen,
    priceFen: figures.priceFen === undefined ? product.priceFen : figures.priceFen,
    unit: figures.unit === undefined || figures.unit === null ? product.unit : figures.unit,
    updatedAt: at,
  }
  store.products.update(next)
  const ordersUpdated = history && next.costFen !== null ? applyCostToHistory(store, next) : 0
  return { product: next, created, ordersUpdated }
}

/** Writes the product's cost into every recorded line of it; returns how many orders changed. */
export function applyCostToHistory(store: Store, product: Product): number {
  let changed = 0
  const isIt = new Map<string, boolean>()
  const mine = (name: string): boolean => {
    let yes = isIt.get(name)
    if (yes === undefined) isIt.set(name, yes = store.products.byName(name)?.id === product.id)
    return yes
  }
  for (const order of [...store.orders.all()]) {
    if (!order.lines.some(l => mine(l.name) && l.costFen !== product.costFen)) continue
    const lines = order.lines.map(l => (mine(l.name) ? { ...l, costFen: product.costFen } : l))
    store.orders.update(recostOrder(store, { ...order, lines }))
    changed++
  }
  return changed
}

/** Adds another spelling; refused when it already names a different product (merge that instead). */
export function addAlias(store: Store, name: string, alias: string, at: string): { ok: true, product: Product } | { ok: false, other: Product } {
  const { product } = productNamed(store, name, at)
  const other = store.products.byName(alias)
  if (other && other.id !== product.id) return { ok: false, other }
  if (other) return { ok: true, product }
  const next = { ...product, aliases: [...product.aliases, alias.trim()], updatedAt: at }
  store.products.update(next)
  return { ok: true, product: next }
}

/**
 * Merges `gone` into `kept`: its name and aliases become aliases of `kept`, its order count and the
 * prices it was sold at move over; a cost or price `kept` lacks is taken from it.
 */
export function mergeProducts(store: Store, keptName: string, goneName: string, at: string): Product | 'same' {
  const { product: kept } = productNamed(store, keptName, at)
  const gone = store.products.byName(goneName)
  if (gone?.id === kept.id) return 'same'
  const names = gone ? [gone.name, ...gone.aliases] : [goneName.trim()]
  const keys = new Set([kept.name, ...kept.aliases].map(productKey))
  const next: Product = {
    ...kept,
    aliases: [...kept.aliases, ...names.filter(n => !keys.has(productKey(n)))],
    unit: kept.unit ?? gone?.unit ?? null,
    priceFen: kept.priceFen ?? gone?.priceFen ?? null,
    costFen: kept.costFen ?? gone?.costFen ?? null,
    seenPricesFen: [...(gone?.seenPricesFen ?? []), ...kept.seenPricesFen].slice(-9),
    lines: kept.lines + (gone?.lines ?? 0),
    updatedAt: at,
  }
  if (gone) store.products.remove(gone.id)
  store.products.update(next)
  return next
}
