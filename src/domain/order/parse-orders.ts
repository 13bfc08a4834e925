/** Reads a whole message as zero or more orders: one-liners, item lines under a customer, templates. */

import type { OrderParse, ParseIssue, ParseOptions } from './draft.js'
import type { PayFact, SegmentFacts } from './analyze-segment.js'
import { finishOrder } from './finish-order.js'
import { totalMismatch } from './issues.js'
import type { LabelField } from './lexicon.js'
import { isNameLike, isQuestion, LABELS } from './lexicon.js'
import type { OrderAcc } from './order-acc.js'
import { hasContent, mergeContinuation, mergeCustomerSegment, newAcc, pushAll } from './order-acc.js'
import type { FieldContext } from './parse-fields.js'
import { applyField, fieldContext, readSegment, splitLabelled } from './parse-fields.js'
import { readBlock } from './read-block.js'

export type { OrderParse } from './draft.js'

interface State {
  ctx: FieldContext
  accs: OrderAcc[]
  current: OrderAcc | null
  prefixed: boolean
  segments: number
  headerDates: string[]
  grandTotals: number[]
  grandPays: PayFact[]
}

function pushNew(state: State): OrderAcc {
  const acc = newAcc()
  state.accs.push(acc)
  state.current = acc
  return acc
}

/** A follow-up line that names someone else starts the next order. */
function startsNewOrder(facts: SegmentFacts, cur: OrderAcc): boolean {
  const hasPhone = facts.phones.length + facts.badPhones.length > 0
  if (facts.lead !== null) {
    if (facts.items.length > 0 || hasPhone || isNameLike(facts.lead)) return true
    // A bare word on its own line after item lines is the next customer's header.
    return facts.monies.length === 0 && facts.texts.length === 0 && facts.pays.length === 0 && cur.lines.length > 0
  }
  return hasPhone && (cur.phones.length > 0 || cur.lines.length > 0)
}

function isGrandTotal(state: State, facts: SegmentFacts): boolean {
  const cur = state.current
  return state.accs.length >= 2 && cur !== null && facts.lead === null &&
    facts.items.length === 0 && facts.texts.length === 0 && facts.phones.length === 0 &&
    facts.monies.length > 0 && facts.monies.every((m) => m.total)
}

/** A line with nothing but a date (`11.20`, `昨天`) heads every order below it. */
function isHeaderOnly(facts: SegmentFacts): boolean {
  if (facts.lead !== null || facts.items.length > 0 || facts.phones.length > 0 || facts.texts.length > 0) return false
  if (facts.monies.length > 0 && facts.monies.every((m) => m.monthDay !== null && m.leading)) {
    pushAll(facts.dates, facts.monies.map((m) => m.monthDay as string))
    facts.monies = []
  }
  return facts.monies.length === 0 && facts.dates.length > 0
}

// 1. 张三 … / 2、李四 …: list numbering, not an amount (`11.20 张三` keeps its date).
const LIST_MARKER = /^\d{1,2}[.、)]\s*(?=\D)/

function handleSegment(state: State, segment: string): void {
  const text = segment.trim().replace(LIST_MARKER, '')
  if (text === '') return
  const { facts, address } = readSegment(text, state.ctx)
  if (facts.prefix) state.prefixed = true
  state.segments++
  const cur = state.current
  if (isGrandTotal(state, facts)) {
    state.grandTotals.push((facts.monies[0] as { fen: number }).fen)
    pushAll(state.grandPays, facts.pays)
    return
  }
  if (state.segments === 1 && facts.monies.length <= 1 && isHeaderOnly(facts)) state.headerDates = facts.dates
  let acc: OrderAcc
  if (cur === null || !hasContent(cur)) {
    acc = cur ?? pushNew(state)
    mergeCustomerSegment(acc, facts)
  } else if (startsNewOrder(facts, cur)) {
    acc = pushNew(state)
    mergeCustomerSegment(acc, facts)
  } else {
    acc = cur
    mergeContinuation(acc, facts)
  }
  if (address !== null) acc.address ??= address
}

// `收货地址张三收货地址：…`: a label written without its colon in front of the name.
const LABEL_WORD_FIRST = new RegExp(`^(?:${[...LABELS.keys()].sort((a, b) => b.length - a.length).join('|')})(?=[^\\s:])`, 'u')

function handleLabel(state: State, field: LabelField, value: string): void {
  let acc = state.current
  if (acc === null || (field === 'name' && acc.name !== null)) acc = pushNew(state)
  applyField(acc, field, value, state.ctx)
}

/** Signals that make a chat line an order rather than chatter. */
function looksLikeOrder(acc: OrderAcc): boolean {
  const qtyItem = acc.lines.some((l) => l.qty !== null)
  const amount = acc.monies.length > 0 || acc.hugeAmounts.length > 0 || acc.lines.some((l) => l.amountFen !== null || l.unitPriceFen !== null)
  const phone = acc.phones.length + acc.badPhones.length > 0
  if (acc.labels.size >= 2) return true
  // A shipping block (address, name, phone) with no items yet: an order whose items the bot asks for.
  if (acc.address !== null && phone && acc.name !== null) return true
  if (qtyItem && (amount || phone || acc.pays.length > 0 || acc.namedHere)) return true
  // 张三 面膜 398 已付: no quantity, but a name, a product, an amount and a payment word.
  if (acc.namedHere && acc.lines.length > 0 && amount && acc.pays.length > 0) return true
  return phone && (acc.lines.length > 0 || amount)
}

function finish(state: State, template: boolean, question: boolean): OrderParse | null {
  for (const acc of state.accs) {
    if (acc.dates.length === 0) pushAll(acc.dates, state.headerDates)
    if (acc.pays.length === 0) pushAll(acc.pays, state.grandPays)
  }
  let kept = state.accs.filter(looksLikeOrder)
  if (question && !(state.prefixed && kept.length > 0)) return null
  if (template) kept = state.accs.filter((a) => a.labels.size > 0 || looksLikeOrder(a))
  if (state.prefixed) {
    kept = state.accs.filter((a) => hasContent(a) || a.pays.length > 0)
    if (kept.length === 0) kept = [newAcc()]
  }
  if (kept.length === 0) return null
  const orders = kept.map(finishOrder)
  const issues: ParseIssue[] = []
  const grand = state.grandTotals[0]
  const amounts = orders.map((o) => o.amountFen)
  if (grand !== undefined && amounts.every((a) => a !== null)) {
    const sum = amounts.reduce<number>((a, b) => a + (b ?? 0), 0)
    if (sum !== grand) issues.push(totalMismatch(grand, sum))
  }
  return { orders, issues }
}

/**
 * Reads a normalised message as orders; null when it is not an order at all. With `assume`, the text is
 * known to be an order (a 接龙 entry): whatever content it has is kept, as after `下单`.
 */
export function parseOrders(text: string, options: ParseOptions, assume = false): OrderParse | null {
  const state: State = {
    ctx: fieldContext(options),
    accs: [], current: null, prefixed: assume, segments: 0, headerDates: [], grandTotals: [], grandPays: [],
  }
  const block = assume ? null : readBlock(text, options)
  if (block !== null) return block
  const lines = text.split('\n')
  const labelled = lines.map(splitLabelled)
  const template = new Set(labelled.flatMap((l) => l.pairs.map((p) => p.field))).size >= 2
  lines.forEach((line, i) => {
    const { head, pairs } = labelled[i] as ReturnType<typeof splitLabelled>
    if (line === '') {
      // In templates a blank line ends one customer's block.
      if (template) state.current = null
      return
    }
    if (pairs.length === 0) {
      for (const segment of line.split(';')) handleSegment(state, segment)
      return
    }
    if (head !== '') handleSegment(state, head.replace(LABEL_WORD_FIRST, ''))
    for (const { field, value } of pairs) handleLabel(state, field, value)
  })
  return finish(state, template, !template && isQuestion(text))
}
