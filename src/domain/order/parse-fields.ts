/** Labelled template fields (`客户：张三`, `数量：2`, `金额：398元`) and how each one fills an order. */

import { parseMoney } from '../money.js'
import { analyzeSegment, cleanText, referrerIn, type SegmentFacts } from './analyze-segment.js'
import { extractAddress } from './address.js'
import type { ParseOptions } from './draft.js'
import type { LabelField } from './lexicon.js'
import { LABELS, MAX_LABEL_LENGTH } from './lexicon.js'
import type { OrderAcc } from './order-acc.js'
import { addLine, mergeCustomerSegment, nameOnlyLine, pushAll } from './order-acc.js'
import { parseDate } from './parse-date.js'
import { spacePhones, tokenize, type Token } from './tokenize.js'

export interface LabelledLine {
  /** Text before the first label (`报单` in `报单 客户：张三`). */
  head: string
  pairs: Array<{ field: LabelField, value: string }>
}

export interface FieldContext {
  today: string
  products: readonly string[]
  /** Customer names already on record (`张三` in `张三面膜2盒`). */
  customers: ReadonlySet<string>
  /** Bare numbers after names are counts (`韭菜30`): the message writes no price anywhere. */
  counts?: boolean
}

const NO_NAMES: ReadonlySet<string> = new Set()

/** The reading context of a message: its day, and the merchant's products and customers. */
export function fieldContext(options: ParseOptions): FieldContext {
  return { today: options.today, products: options.products ?? [], customers: options.customers ?? NO_NAMES }
}

/** `韭菜30`, `韭菜味 12`, `水餃+1`: in a list without prices, a bare whole number after a name is its count. */
function bareCountsAsQty(tokens: Token[]): Token[] {
  return tokens.map((t, k) => {
    const plus = tokens[k - 1]?.kind === 'sep' && (tokens[k - 1] as { char: string }).char === '+'
    const prev = plus ? tokens[k - 2] : tokens[k - 1]
    if (t.kind !== 'money' || t.marked || !/^\d{1,4}$/.test(t.raw) || prev?.kind !== 'text' || !/\p{L}/u.test(prev.text)) return t
    return { kind: 'qty', n: t.fen / 100, unit: null, gap: t.gap }
  })
}

function labelBefore(line: string, colon: number): { start: number, field: LabelField } | null {
  let end = colon
  while (end > 0 && line[end - 1] === ' ') end--
  if (end > 0 && '】]'.includes(line[end - 1] as string)) end--
  for (let len = Math.min(MAX_LABEL_LENGTH, end); len >= 1; len--) {
    const word = line.slice(end - len, end)
    const field = LABELS.get(word) ?? LABELS.get(word.toLowerCase())
    if (field === undefined) continue
    const start = end - len
    return { start: start > 0 && '【['.includes(line[start - 1] as string) ? start - 1 : start, field }
  }
  return null
}

/** Splits a line into `label：value` pairs; labels may share a line (`姓名：张三 电话：138…`). */
export function splitLabelled(line: string): LabelledLine {
  const marks: Array<{ start: number, valueStart: number, field: LabelField }> = []
  for (let i = line.indexOf(':'); i >= 0; i = line.indexOf(':', i + 1)) {
    const label = labelBefore(line, i)
    if (label === null || (marks.length > 0 && label.start < (marks[marks.length - 1]?.valueStart ?? 0))) continue
    marks.push({ start: label.start, valueStart: i + 1, field: label.field })
    // 备注：客户说：… — the rest of a note is the note.
    if (label.field === 'note') break
  }
  const first = marks[0]
  if (first === undefined) return { head: line, pairs: [] }
  const pairs = marks.map((m, k) => ({
    field: m.field,
    value: line.slice(m.valueStart, marks[k + 1]?.start ?? line.length).trim(),
  }))
  return { head: line.slice(0, first.start).trim(), pairs }
}

/** Reads a free-text piece of an order (a whole line, or a template value). */
export function readSegment(text: string, ctx: FieldContext): { facts: SegmentFacts, address: string | null } {
  const { rest, address } = extractAddress(spacePhones(text))
  const tokens = tokenize(rest, ctx.today)
  return { facts: analyzeSegment(ctx.counts === true ? bareCountsAsQty(tokens) : tokens, ctx.products, ctx.customers), address }
}

function lastLine(acc: OrderAcc): OrderAcc['lines'][number] | undefined {
  return acc.lines[acc.lines.length - 1]
}

function applyProduct(acc: OrderAcc, facts: SegmentFacts, value: string): void {
  const names = facts.lead !== null ? [facts.lead, ...facts.texts] : facts.texts
  if (facts.items.length > 0) facts.items.forEach((l) => addLine(acc, l))
  else if (names.length > 0) names.forEach((n) => addLine(acc, nameOnlyLine(n)))
  else if (cleanText(value) !== '') addLine(acc, nameOnlyLine(cleanText(value)))
  pushAll(acc.monies, facts.monies)
  pushAll(acc.pays, facts.pays)
  pushHuge(acc, facts, false)
}

function applyQty(acc: OrderAcc, facts: SegmentFacts): void {
  const bare = facts.monies[0]
  const qty = facts.looseQty ?? facts.items[0] ?? (bare && !bare.marked ? { n: bare.fen / 100, unit: null } : null)
  if (qty === null) return
  const n = 'n' in qty ? qty.n : qty.qty
  if (n === null) return
  const line = lastLine(acc)
  if (line && line.qty === null) {
    line.qty = n
    line.unit ??= qty.unit
  } else {
    acc.pending.qty = { n, unit: qty.unit }
  }
}

function applyMoney(acc: OrderAcc, facts: SegmentFacts, value: string, total: boolean): void {
  const fen = facts.monies[0]?.fen ?? parseMoney(value)
  if (fen !== null) acc.monies.push({ fen, marked: true, monthDay: null, leading: false, total })
  pushAll(acc.pays, facts.pays)
  pushHuge(acc, facts)
}

/** Under a money label (`金额：`, `单价：`, `定金：`) any number too long for money is a refused amount. */
function pushHuge(acc: OrderAcc, facts: SegmentFacts, moneyLabel = true): void {
  for (const h of facts.huge) (moneyLabel || h.money ? acc.hugeAmounts : acc.hugeNumbers).push(h.raw)
}

/** Fills the order from one labelled value. */
export function applyField(acc: OrderAcc, field: LabelField, value: string, ctx: FieldContext): void {
  acc.labels.add(field)
  const { facts, address } = readSegment(value, ctx)
  if (address !== null) acc.address ??= address
  switch (field) {
    case 'name':
      facts.lead ??= cleanText(value).slice(0, 20) || null
      return mergeCustomerSegment(acc, facts)
    case 'phone':
      pushAll(acc.phones, facts.phones)
      pushAll(acc.badPhones, facts.badPhones)
      if (facts.phones.length + facts.badPhones.length === 0 && /\d/.test(value)) acc.badPhones.push(value)
      return
    case 'address':
      acc.address = address ?? value
      pushAll(acc.phones, facts.phones)
      return
    case 'product':
      return applyProduct(acc, facts, value)
    case 'qty':
      return applyQty(acc, facts)
    case 'spec': {
      const line = lastLine(acc)
      if (line && line.spec === null) line.spec = value
      else acc.pending.spec = value
      return
    }
    case 'unitPrice': {
      const fen = parseMoney(value) ?? facts.loosePrice ?? facts.monies[0]?.fen ?? null
      const line = lastLine(acc)
      if (line && line.unitPriceFen === null) line.unitPriceFen = fen
      else acc.pending.priceFen = fen
      pushHuge(acc, facts)
      return
    }
    case 'amount':
      return applyMoney(acc, facts, value, false)
    case 'deposit':
      acc.pays.push({ state: 'deposit', fen: facts.monies[0]?.fen ?? parseMoney(value) })
      pushHuge(acc, facts)
      return
    case 'payment':
      pushAll(acc.pays, facts.pays)
      if (facts.pays.length > 0) pushAll(acc.monies, facts.monies.map((m) => ({ ...m, monthDay: null })))
      return
    case 'date': {
      const date = parseDate(value, ctx.today)
      if (date?.ok) acc.dates.push(date.value)
      else if (value !== '') acc.badDates.push(value)
      return
    }
    case 'note':
      if (value !== '') acc.notes.push(value)
      pushAll(acc.pays, facts.pays)
      return
    case 'referrer': {
      // 介绍人：张姐 (or 介绍人：老客户张姐介绍的): a name, never a product line.
      const name = cleanText(value)
      const referrer = referrerIn(name) ?? (name.length > 0 && name.length <= 10 ? name : null)
      if (referrer !== null) acc.referrers.push(referrer)
    }
  }
}
