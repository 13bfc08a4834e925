/** Separates a customer glued to a product (`李姐精华3瓶`) using the catalogue, or a form of address. */

import type { ItemBuild } from './attach-items.js'
import type { SegmentFacts } from './facts.js'
import { NOISE_WORDS, splitHonorific } from './lexicon.js'

const MAX_GLUED = 30
const MAX_NAME = 8

function splitByCatalogue(text: string, products: readonly string[]): [string, string] | null {
  if (text.length > MAX_GLUED) return null
  let best: [string, string] | null = null
  for (const p of products) {
    if (p === '') continue
    const at = text.indexOf(p)
    if (at <= 0) continue
    if (best === null || at < best[0].length) best = [text.slice(0, at), text.slice(at)]
  }
  return best
}

function plausiblePerson(text: string): boolean {
  return text.length <= 8 && /\p{L}/u.test(text) && !NOISE_WORDS.has(text)
}

/** `张三面膜`: the longest customer name on record that opens the text. */
function splitByCustomer(text: string, customers: ReadonlySet<string>): [string, string] | null {
  if (customers.size === 0) return null
  for (let len = Math.min(MAX_NAME, text.length - 1); len >= 2; len--) {
    if (customers.has(text.slice(0, len))) return [text.slice(0, len), text.slice(len)]
  }
  return null
}

/** Splits `李姐精华` into customer and product: catalogue, customers on record, then `姐/哥/总/老师…`. */
export function splitGlued(text: string, products: readonly string[], customers: ReadonlySet<string> = new Set()): [string, string] | null {
  const split = splitByCatalogue(text, products) ?? splitByCustomer(text, customers) ?? splitHonorific(text)
  return split !== null && plausiblePerson(split[0]) && split[1] !== '' ? split : null
}

/** Finds the customer inside the first item name, or a product inside the customer name. */
export function splitCustomer(facts: SegmentFacts, items: ItemBuild[], products: readonly string[], customers: ReadonlySet<string>, firstItemMayHoldName: boolean): void {
  if (firstItemMayHoldName) {
    const first = items.reduce<ItemBuild | null>((a, b) => (a === null || b.nameToken < a.nameToken ? b : a), null)
    const split = first ? splitGlued(first.line.name, products, customers) : null
    if (first && split) {
      facts.lead = split[0]
      first.line.name = split[1]
    }
    return
  }
  // `李哥理疗 198`: a lead that is a known customer, or holds a known product, glued to the rest.
  if (facts.lead !== null && items.length === 0 && !customers.has(facts.lead) && (products.length > 0 || customers.size > 0)) {
    const split = splitByCatalogue(facts.lead, products) ?? splitByCustomer(facts.lead, customers)
    if (split && plausiblePerson(split[0])) {
      facts.lead = split[0]
      items.push({
        line: { name: split[1], qty: null, unit: null, unitPriceFen: null, amountFen: null, spec: null },
        specCount: null,
        nameToken: -1,
      })
    }
  }
}
