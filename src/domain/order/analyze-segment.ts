/** Turns the tokens of one segment into facts: customer name, item lines, amounts, phones, dates, payment words. */

import type { HugeFact, SegmentFacts } from './facts.js'
import { isNameLike, mealOf, NOISE_WORDS, NOT_PRODUCTS } from './lexicon.js'
import { attachItems, type ItemBuild } from './attach-items.js'
import { splitCustomer } from './split-customer.js'
import type { Token } from './tokenize.js'

export type { HugeFact, MoneyFact, PayFact, SegmentFacts } from './facts.js'

const MAX_NAME_LENGTH = 20
const TRIM = new Set([...' .-_#*·•\'"`^&%'])

/** Text without surrounding punctuation; empty when nothing readable is left. */
export function cleanText(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && TRIM.has(text[start] as string)) start++
  while (end > start && TRIM.has(text[end - 1] as string)) end--
  const t = text.slice(start, end)
  return /\p{L}/u.test(t) ? t : ''
}

function isNameCandidate(text: string, products: readonly string[], customers: ReadonlySet<string>): boolean {
  return text.length <= MAX_NAME_LENGTH && !NOISE_WORDS.has(text.toLowerCase()) && (customers.has(text) || !products.includes(text))
}

function emptyFacts(): SegmentFacts {
  return {
    prefix: false, lead: null, items: [], texts: [], notes: [], monies: [], phones: [], badPhones: [],
    dates: [], badDates: [], pays: [], huge: [], looseQty: null, loosePrice: null, referrers: [],
  }
}

// 身份证110101199003071234, 快递单号 773012345678901: long numbers that are no amount.
const ID_BEFORE = /(?:号|证|码|卡)$/
const MONEY_WORD_BEFORE = /(?:单价|金额|总价|价格|价钱|合计)$/

/** What a too-long number is, from the token before it; null for an identifier. */
function hugeFact(tokens: Token[], k: number, raw: string, marked: boolean): HugeFact | null {
  const prev = tokens[k - 1]
  const before = prev?.kind === 'sep' && prev.char === ':' ? tokens[k - 2] : prev
  if (before?.kind === 'text' && ID_BEFORE.test(before.text)) return null
  const money = marked || before?.kind === 'total' || (before?.kind === 'pay' && before.fen === null) ||
    (before?.kind === 'sep' && '¥$@'.includes(before.char)) || (before?.kind === 'text' && MONEY_WORD_BEFORE.test(before.text))
  return { raw, money }
}

function collectScalars(tokens: Token[], facts: SegmentFacts, owner: (number | null)[]): void {
  let pendingTotal = false
  let seenContent = false
  tokens.forEach((t, k) => {
    const leading = !seenContent
    if (t.kind !== 'prefix' && t.kind !== 'sep') seenContent = true
    if (t.kind === 'prefix') facts.prefix = true
    else if (t.kind === 'phone') facts.phones.push(t.phone)
    else if (t.kind === 'bad-phone') facts.badPhones.push(t.raw)
    else if (t.kind === 'date') facts.dates.push(t.date)
    else if (t.kind === 'bad-date') facts.badDates.push(t.raw)
    else if (t.kind === 'pay') facts.pays.push({ state: t.state, fen: t.fen })
    else if (t.kind === 'total') pendingTotal = true
    else if (t.kind === 'money' && owner[k] === null) {
      facts.monies.push({ fen: t.fen, marked: t.marked, monthDay: t.monthDay, leading, total: pendingTotal })
      pendingTotal = false
    } else if (t.kind === 'huge') {
      const fact = hugeFact(tokens, k, t.raw, t.marked || pendingTotal)
      if (fact !== null) facts.huge.push(fact)
      pendingTotal = false
    } else if (t.kind === 'mul' && owner[k] === null) {
      const fen = t.totalFen ?? Math.round(t.priceFen * t.qty)
      // 99999999*99999999: a product beyond exact integers is refused, never added up or quoted.
      if (Number.isSafeInteger(fen)) facts.monies.push({ fen, marked: true, monthDay: null, leading, total: pendingTotal })
      else facts.huge.push({ raw: t.raw, money: true })
      pendingTotal = false
    }
  })
}

/** Reads one segment's tokens; products and customers on record help split `李姐精华` and `张三面膜`. */
export function analyzeSegment(tokens: Token[], products: readonly string[], customers: ReadonlySet<string> = new Set()): SegmentFacts {
  const facts = emptyFacts()
  const firstWord = tokens.find((t) => t.kind === 'text' && cleanText(t.text) !== '')
  const firstClean = firstWord?.kind === 'text' ? cleanText(firstWord.text) : ''
  const { items, owner, looseQty, loosePrice } = attachItems(tokens, isNameLike(firstClean) && !products.includes(firstClean))
  facts.looseQty = looseQty
  facts.loosePrice = loosePrice
  const firstItemToken = owner.findIndex((o) => o !== null)
  let leadIndex = -1
  tokens.forEach((t, k) => {
    if (t.kind !== 'text' || owner[k] !== null) return
    const text = cleanText(t.text)
    if (text === '') return
    const beforeItems = firstItemToken < 0 || k < firstItemToken
    // 张姐介绍: who brought the customer, never the customer.
    const referrer = referrerIn(text)
    if (referrer !== null) {
      facts.referrers.push(referrer)
      return
    }
    if (leadIndex < 0 && beforeItems && isNameCandidate(text, products, customers)) {
      leadIndex = k
      facts.lead = text
    } else if (NOISE_WORDS.has(text.toLowerCase()) || text.length > MAX_NAME_LENGTH) {
      facts.notes.push(text)
    } else {
      facts.texts.push(text)
    }
  })
  splitCustomer(facts, items, products, customers, leadIndex < 0 && firstItemToken >= 0 && noFreeTextBefore(tokens, owner, firstItemToken))
  collectScalars(tokens, facts, owner)
  assignLineAmounts(tokens, owner, items, facts)
  facts.items = items.map((b) => ({ ...b.line, name: cleanText(b.line.name) || b.line.name })).filter((l) => !NOT_PRODUCTS.has(l.name))
  servedMeal(facts)
  return facts
}

/**
 * `6月8日晚餐 王阿姨2份`, `明天晚餐，加王阿姨2份`: when the line opens with a meal, the count belongs to it and
 * the name before the count is the diner.
 */
function servedMeal(facts: SegmentFacts): void {
  const meal = facts.lead === null ? null : mealOf(facts.lead)
  const only = facts.items[0]
  if (meal === null || only === undefined || facts.items.length !== 1) return
  facts.lead = only.name.replace(/^(?:再加|加|还有|另外)/u, '') || only.name
  only.name = meal
}

function noFreeTextBefore(tokens: Token[], owner: (number | null)[], index: number): boolean {
  return !tokens.slice(0, index).some((t, k) => t.kind === 'text' && owner[k] === null && cleanText(t.text) !== '')
}

/** `面膜2盒 199 精华1瓶 199`: when every item is followed by its own amount, those are line amounts. */
function assignLineAmounts(tokens: Token[], owner: (number | null)[], items: ItemBuild[], facts: SegmentFacts): void {
  if (items.length < 2) return
  const follows: (number | null)[] = []
  tokens.forEach((t, k) => {
    if (t.kind === 'money' && owner[k] === null) follows.push(k > 0 ? (owner[k - 1] ?? null) : null)
  })
  const loose = facts.monies.filter((m) => !m.total)
  if (loose.length !== items.length || follows.length !== facts.monies.length) return
  const nonTotal = facts.monies.map((m, idx) => ({ m, after: follows[idx] ?? null })).filter((x) => !x.m.total)
  const seen = new Set(nonTotal.map((x) => x.after))
  if (seen.size !== items.length || seen.has(null)) return
  for (const { m, after } of nonTotal) {
    const line = items[after as number]?.line
    if (line) line.amountFen = m.fen
  }
  facts.monies = facts.monies.filter((m) => m.total)
}

/** `张姐介绍`, `老客户王丽推荐的`, `李老师转介绍来的`: the name of who brought the customer, else null. */
const REFERRAL = /^(?:老客户|老客|朋友|闺蜜|同事|邻居)?(\p{L}{2,5}?)(?:转介绍|介绍|推荐)(?:的|来的|过来的|来)?$/u
/** Words before 介绍 that name nobody in particular. */
const NOBODY = new Set(['朋友', '老客户', '老客', '客户', '别人', '熟人', '同事', '闺蜜', '邻居', '产品', '商品'])

export function referrerIn(text: string): string | null {
  const name = REFERRAL.exec(text)?.[1]
  return name === undefined || NOBODY.has(name) ? null : name
}
