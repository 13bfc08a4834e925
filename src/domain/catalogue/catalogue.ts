/**
 * The product catalogue's rules: what a product usually sells for, what one more order line teaches
 * it, and what each line of an order cost and earned when it was recorded.
 */
import type { OrderLine, Product } from '../types.js'

/** Unit prices remembered per product, for its usual price. */
const SEEN_PRICES = 9

/** Finds a product by name or alias. */
export type FindProduct = (name: string) => Product | undefined

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2)
}

/** What the product usually sells for per unit: the price an admin set, else the median of recent orders. */
export function usualPriceFen(p: Product): number | null {
  return p.priceFen ?? median(p.seenPricesFen)
}

/** Quantity for money: a line that writes no quantity is one unit. */
export const qtyOf = (line: Pick<OrderLine, 'qty'>): number => line.qty ?? 1

/**
 * The unit price a recorded line shows: written, or its own amount over its quantity; for an order of
 * one line, the order total over the quantity. Null when the message does not tell.
 */
export function seenUnitPrice(line: OrderLine, orderAmountFen: number | null, lineCount: number): number | null {
  if (line.unitPriceFen !== null) return line.unitPriceFen
  const amount = line.amountFen ?? (lineCount === 1 ? orderAmountFen : null)
  const qty = qtyOf(line)
  return amount === null || amount === 0 || !(qty > 0) ? null : Math.round(amount / qty)
}

/** A catalogue entry that knows only its name. */
export function blankProduct(id: string, name: string, at: string): Product {
  return { id, name, aliases: [], unit: null, priceFen: null, seenPricesFen: [], costFen: null, lines: 0, createdAt: at, updatedAt: at }
}

/** The product after one more recorded line (a new product when `known` is undefined). */
export function learnLine(known: Product | undefined, line: OrderLine, unitPriceFen: number | null, fresh: () => { id: string, at: string }): Product {
  const base: Product = known ?? (() => {
    const { id, at } = fresh()
    return blankProduct(id, line.name, at)
  })()
  const seen = unitPriceFen === null ? base.seenPricesFen : [...base.seenPricesFen, unitPriceFen].slice(-SEEN_PRICES)
  return { ...base, unit: base.unit ?? line.unit, seenPricesFen: seen, lines: base.lines + 1 }
}

/**
 * Each line's cost and share of the order amount, from the catalogue as it is now. A line's own amount
 * (written, or unit price × quantity) is its share; what the order total leaves over is split over the
 * other lines in proportion to their catalogue prices. The order's cost is known only when every
 * line's is.
 */
export function costLines(lines: readonly OrderLine[], amountFen: number | null, find: FindProduct): { lines: OrderLine[], costFen: number | null } {
  const products = lines.map(l => find(l.name))
  const own = lines.map((l) => {
    if (lines.length === 1 && amountFen !== null) return amountFen
    if (l.amountFen !== null) return l.amountFen
    return l.unitPriceFen !== null ? Math.round(l.unitPriceFen * qtyOf(l)) : null
  })
  const shares = splitRest(lines, own, products, amountFen)
  let costFen: number | null = 0
  const out = lines.map((l, i) => {
    const unitCost = products[i]?.costFen ?? null
    if (unitCost === null) costFen = null
    else if (costFen !== null) costFen += Math.round(unitCost * qtyOf(l))
    return { ...l, costFen: unitCost, shareFen: shares[i] ?? null }
  })
  return { lines: out, costFen: lines.length === 0 ? null : costFen }
}

/** Fills the lines without an own amount with the rest of the total, weighted by catalogue price × quantity. */
function splitRest(lines: readonly OrderLine[], own: readonly (number | null)[], products: readonly (Product | undefined)[], amountFen: number | null): (number | null)[] {
  const open = own.flatMap((v, i) => (v === null ? [i] : []))
  if (open.length === 0 || amountFen === null) return [...own]
  const rest = amountFen - own.reduce<number>((s, v) => s + (v ?? 0), 0)
  const weights = open.map((i) => {
    const price = products[i] ? usualPriceFen(products[i]) : null
    return price === null ? null : price * qtyOf(lines[i]!)
  })
  const total = weights.reduce<number>((s, w) => s + (w ?? 0), 0)
  if (rest < 0 || weights.some(w => w === null) || total <= 0) return [...own]
  const out = [...own]
  let given = 0
  open.forEach((i, k) => {
    const part = k === open.length - 1 ? rest - given : Math.round((rest * weights[k]!) / total)
    out[i] = part
    given += part
  })
  return out
}
