/** Builds item lines by attaching quantities, specs and prices to the product names next to them. */

import type { LineDraft } from './draft.js'
import type { Token } from './tokenize.js'

export interface ItemBuild {
  line: LineDraft
  /** `500g*2袋`: the count inside a spec, used as the quantity unless a real quantity follows. */
  specCount: { n: number, unit: string | null } | null
  nameToken: number
}

export interface Attached {
  items: ItemBuild[]
  /** For each token, the index of the item it belongs to. */
  owner: (number | null)[]
  looseQty: { n: number, unit: string | null } | null
  loosePrice: number | null
}

const LIST_SEPARATORS = new Set(['、', ',', '+', '/', '&'])

function newLine(name: string): LineDraft {
  return { name, qty: null, unit: null, unitPriceFen: null, amountFen: null, spec: null }
}

function freeText(tokens: Token[], owner: (number | null)[], k: number): boolean {
  const t = tokens[k]
  return t !== undefined && t.kind === 'text' && owner[k] === null && /\p{L}/u.test(t.text)
}

/** Which product name a quantity at `k` belongs to: glued before, glued after, spaced before, spaced after. */
function nameFor(tokens: Token[], owner: (number | null)[], k: number): number | null {
  let before = k - 1
  // 面膜 199元/盒 2盒: the unit price sits between the name and its quantity.
  while (tokens[before]?.kind === 'price') before--
  const prev = freeText(tokens, owner, before) ? before : null
  const next = freeText(tokens, owner, k + 1) ? k + 1 : null
  const self = tokens[k] as Token
  if (prev !== null && !self.gap) return prev
  if (next !== null && !(tokens[next] as Token).gap) return next
  return prev ?? next
}

/** Makes the item the text token `nameToken` names; returns its index. */
function createItem(tokens: Token[], owner: (number | null)[], items: ItemBuild[], nameToken: number): number {
  const t = tokens[nameToken]
  items.push({ line: newLine(t?.kind === 'text' ? t.text : ''), specCount: null, nameToken })
  owner[nameToken] = items.length - 1
  return items.length - 1
}

function firstText(tokens: Token[]): number {
  return tokens.findIndex((t) => t.kind === 'text' && /\p{L}/u.test(t.text))
}

/**
 * Attaches quantities (`2盒`, `×3`, `各一盒`), specs, `99*2` and unit prices to names. `personFirst`: the
 * segment's first word is a person (`郑姐 面膜 精华 各一`), so it never shares a `各`.
 */
export function attachItems(tokens: Token[], personFirst = true): Attached {
  const owner: (number | null)[] = tokens.map(() => null)
  const items: ItemBuild[] = []
  let looseQty: Attached['looseQty'] = null
  let loosePrice: number | null = null
  tokens.forEach((t, k) => {
    if (t.kind !== 'each') return
    // 面膜、精华各一盒: every name in the list gets the quantity.
    const names: number[] = []
    let j = k - 1
    while (freeText(tokens, owner, j)) {
      names.unshift(j)
      const sep = tokens[j - 1]
      // 韭菜 菜谱 竹笋 各2斤: names apart by spaces share it too, up to the line's first word when that is a person.
      if (sep?.kind === 'text' && (tokens[j] as Token).gap && freeText(tokens, owner, j - 1) && !(j - 1 === firstText(tokens) && personFirst)) {
        j -= 1
        continue
      }
      if (sep?.kind !== 'sep' || !LIST_SEPARATORS.has(sep.char)) break
      j -= 2
    }
    for (const nameToken of names) {
      const item = items[createItem(tokens, owner, items, nameToken)] as ItemBuild
      item.line.qty = t.n
      item.line.unit = t.unit
    }
    if (names.length > 0) owner[k] = items.length - 1
    else looseQty ??= { n: t.n, unit: t.unit }
  })

  tokens.forEach((t, k) => {
    if (t.kind !== 'spec' && t.kind !== 'qty' && t.kind !== 'mul') return
    const prevOwner = k > 0 ? (owner[k - 1] ?? null) : null
    const prevItem = prevOwner === null ? null : (items[prevOwner] as ItemBuild)
    let index: number | null = null
    if (prevItem && t.kind !== 'spec' && prevItem.line.qty === null) index = prevOwner
    else if (prevItem && t.kind === 'spec' && prevItem.line.spec === null) index = prevOwner
    else {
      const name = nameFor(tokens, owner, k)
      if (name !== null) index = createItem(tokens, owner, items, name)
    }
    if (index === null) {
      if (t.kind === 'qty') looseQty ??= { n: t.n, unit: t.unit }
      return
    }
    owner[k] = index
    const item = items[index] as ItemBuild
    if (t.kind === 'spec') {
      item.line.spec = t.spec
      if (t.n !== null) item.specCount = { n: t.n, unit: t.unit }
    } else if (t.kind === 'qty') {
      item.line.qty = t.n
      item.line.unit = t.unit
    } else {
      item.line.qty ??= t.qty
      item.line.unitPriceFen = t.priceFen
      if (t.totalFen !== null) item.line.amountFen = t.totalFen
    }
  })

  const before = nearestOwner(owner, 1)
  const after = nearestOwner(owner, -1)
  tokens.forEach((t, k) => {
    if (t.kind !== 'price') return
    const index = before[k] ?? after[k] ?? null
    if (index === null) {
      loosePrice ??= t.fen
      return
    }
    owner[k] = index
    const item = items[index] as ItemBuild
    item.line.unitPriceFen ??= t.fen
  })

  attachBareCounts(tokens, owner, items)

  for (const item of items) {
    if (item.specCount !== null && item.line.qty === null) {
      item.line.qty = item.specCount.n
      item.line.unit = item.specCount.unit
      item.line.spec = (item.line.spec ?? '').replace(/[*xX].*$/, '')
    }
  }
  return { items, owner, looseQty, loosePrice }
}

/** For each token, the item owning the nearest token before it (step 1) or after it (step -1). */
function nearestOwner(owner: (number | null)[], step: 1 | -1): (number | null)[] {
  const out: (number | null)[] = owner.map(() => null)
  let last: number | null = null
  for (let k = step === 1 ? 0 : owner.length - 1; k >= 0 && k < owner.length; k += step) {
    out[k] = last
    last = owner[k] ?? last
  }
  return out
}

/** `张三 面膜 2 398`: a small bare number right after a name is its quantity when another amount follows. */
function attachBareCounts(tokens: Token[], owner: (number | null)[], items: ItemBuild[]): void {
  const moneyAfter: number[] = tokens.map(() => 0)
  for (let k = tokens.length - 2; k >= 0; k--) {
    moneyAfter[k] = (moneyAfter[k + 1] ?? 0) + (tokens[k + 1]?.kind === 'money' ? 1 : 0)
  }
  let seenFreeText = false
  tokens.forEach((_t, k) => {
    const next = tokens[k + 1]
    const isFirstText = !seenFreeText
    if (freeText(tokens, owner, k)) seenFreeText = true
    if (!freeText(tokens, owner, k) || next?.kind !== 'money' || next.marked || owner[k + 1] !== null) return
    if (!/^\d{1,3}$/.test(next.raw) || next.fen === 0) return
    if ((moneyAfter[k + 1] ?? 0) === 0 || isFirstText) return
    const index = createItem(tokens, owner, items, k)
    owner[k + 1] = index
    const item = items[index] as ItemBuild
    item.line.qty = next.fen / 100
  })
}
