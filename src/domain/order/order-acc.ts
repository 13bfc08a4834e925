/** What the parser has gathered for one order so far, before it becomes an OrderDraft. */

import type { LineDraft } from './draft.js'
import type { MoneyFact, PayFact, SegmentFacts } from './analyze-segment.js'
import type { LabelField } from './lexicon.js'

export interface OrderAcc {
  name: string | null
  /** The name came from where a customer is expected (first word of a line, or a name label). */
  namedHere: boolean
  phones: string[]
  badPhones: string[]
  address: string | null
  lines: LineDraft[]
  monies: MoneyFact[]
  pays: PayFact[]
  /** Numbers too long for money: written as money, or bare (an amount only when the order has none). */
  hugeAmounts: string[]
  hugeNumbers: string[]
  dates: string[]
  badDates: string[]
  notes: string[]
  referrers: string[]
  labels: Set<LabelField>
  /** Template values that came before their product line (`数量：2` above `产品：面膜`). */
  pending: { qty: { n: number, unit: string | null } | null, spec: string | null, priceFen: number | null }
}

/** Appends items one by one (spreading a huge array into push() overflows the stack). */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item)
}

/** An empty accumulator. */
export function newAcc(): OrderAcc {
  return {
    name: null, namedHere: false, phones: [], badPhones: [], address: null, lines: [], monies: [], pays: [], hugeAmounts: [], hugeNumbers: [],
    dates: [], badDates: [], notes: [], referrers: [], labels: new Set(), pending: { qty: null, spec: null, priceFen: null },
  }
}

/** Whether anything that identifies or describes an order has been seen. */
export function hasContent(acc: OrderAcc): boolean {
  return acc.name !== null || acc.phones.length > 0 || acc.badPhones.length > 0 || acc.lines.length > 0 || acc.monies.length > 0 ||
    acc.hugeAmounts.length > 0
}

/** A line with nothing but a name. */
export function nameOnlyLine(name: string): LineDraft {
  return { name, qty: null, unit: null, unitPriceFen: null, amountFen: null, spec: null }
}

/** Adds a line, filling quantity/spec/price written before it in a template. */
export function addLine(acc: OrderAcc, line: LineDraft): void {
  const { pending } = acc
  if (pending.qty && line.qty === null) {
    line.qty = pending.qty.n
    line.unit ??= pending.qty.unit
  }
  if (pending.spec !== null) line.spec ??= pending.spec
  if (pending.priceFen !== null) line.unitPriceFen ??= pending.priceFen
  acc.pending = { qty: null, spec: null, priceFen: null }
  acc.lines.push(line)
}

/** Whether the order already has an amount of its own (stated, or every line priced). */
export function hasOwnAmount(acc: OrderAcc): boolean {
  if (acc.monies.some((m) => m.monthDay === null)) return true
  return acc.lines.length > 0 && acc.lines.every((l) => l.amountFen !== null || (l.unitPriceFen !== null && l.qty !== null))
}

function mergeScalars(acc: OrderAcc, facts: SegmentFacts): void {
  pushAll(acc.phones, facts.phones)
  pushAll(acc.badPhones, facts.badPhones)
  pushAll(acc.dates, facts.dates)
  pushAll(acc.badDates, facts.badDates)
  pushAll(acc.pays, facts.pays)
  pushAll(acc.notes, facts.notes)
  pushAll(acc.referrers, facts.referrers)
  pushAll(acc.monies, facts.monies)
  for (const h of facts.huge) (h.money ? acc.hugeAmounts : acc.hugeNumbers).push(h.raw)
}

/** Merges the segment that opens an order (`张三 13800138000 面膜2盒 398`). */
export function mergeCustomerSegment(acc: OrderAcc, facts: SegmentFacts): void {
  if (facts.lead !== null && acc.name === null) {
    acc.name = facts.lead
    acc.namedHere = true
  } else if (facts.lead !== null) {
    acc.notes.push(facts.lead)
  }
  for (const line of facts.items) addLine(acc, line)
  // `张三 面膜 398`: with no quantities anywhere, the other words are the products.
  if (facts.items.length === 0) for (const t of facts.texts) addLine(acc, nameOnlyLine(t))
  else pushAll(acc.notes, facts.texts)
  mergeScalars(acc, facts)
}

/** Merges a follow-up segment (`面膜2盒 199`, `精华 199`, `合计395 已付`) into the open order. */
export function mergeContinuation(acc: OrderAcc, facts: SegmentFacts): void {
  const names = facts.lead !== null ? [facts.lead, ...facts.texts] : facts.texts
  const lines = facts.items.length > 0 ? facts.items : names.map(nameOnlyLine)
  if (facts.items.length > 0) pushAll(acc.notes, names)
  const own = facts.monies.filter((m) => !m.total && m.monthDay === null)
  const first = own[0]
  const second = own[1]
  const line = lines[0]
  if (lines.length === 1 && line && facts.items.length === 0 && own.length === 2 && first && second &&
    !first.marked && first.fen % 100 === 0 && first.fen <= 99_900) {
    // 精华 2 199: a small bare number and an amount on an item line.
    line.qty = first.fen / 100
    line.amountFen = second.fen
    facts.monies = facts.monies.filter((m) => m !== first && m !== second)
  } else if (lines.length === 1 && line && own.length === 1 && first && line.amountFen === null) {
    line.amountFen = first.fen
    facts.monies = facts.monies.filter((m) => m !== first)
  }
  for (const l of lines) addLine(acc, l)
  mergeScalars(acc, facts)
}
