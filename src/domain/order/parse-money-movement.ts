/** Payments and refunds reported by agents: `收款 张三 398`, `回款 张三 398`, `张三 收款398`, `退款 张三 199`. */

import type { MoneyMovementDraft, ParsedMessage, ParseIssue, ParseOptions } from './draft.js'
import { amountProblem } from '../money.js'
import { analyzeSegment } from './analyze-segment.js'
import {
  amountConflict, badAmount, badDate, badPhone, movementNoAmount, movementNoCustomer, unreadableAmount,
} from './issues.js'
import { isQuestion } from './lexicon.js'
import { tokenize } from './tokenize.js'

const LEADING = /^(已收款|收到款|收款|回款|收到|已退款|退款|退钱)/
// 张三 收款398: a short name before the keyword.
const NAME_FIRST = /^([^\s\d:¥]{1,8}?)\s*(收款|退款)(?=[\s:¥\d]|$)/

type Movement = Extract<ParsedMessage, { kind: 'payment' | 'refund' }>

// 王芳 退了一盒面膜 退款99: a return told as a sentence is a refund, never a sale.
const RETURN_SENTENCE = /^([^\s\d:¥]{1,8}?)\s*(?:退了|退货|退回)[^\n]*?(?:退款|退钱|退)\s*:?\s*(¥?\d+(?:\.\d+)?\s*(?:元|块)?)\s*$/u

function split(text: string): { word: string, rest: string } | null {
  const sentence = RETURN_SENTENCE.exec(text)
  if (sentence) return { word: '退款', rest: ` ${sentence[1] as string} ${sentence[2] as string}` }
  const lead = LEADING.exec(text)
  if (lead) return { word: lead[1] as string, rest: text.slice((lead[1] as string).length) }
  const named = NAME_FIRST.exec(text)
  if (named) return { word: named[2] as string, rest: `${named[1] as string} ${text.slice(named[0].length)}` }
  return null
}

/** Reads a payment or refund; null when the message is not one (`收到`, `退款怎么弄`). */
export function parseMoneyMovement(text: string, options: ParseOptions): Movement | null {
  if (text.includes('\n') || text.length > 200) return null
  const parts = split(text)
  if (parts === null || isQuestion(parts.rest)) return null
  const { word, rest } = parts
  const refund = word.includes('退')
  const facts = analyzeSegment(tokenize(rest, options.today), options.products ?? [])
  const separated = rest === '' || /^[\s:,]/.test(rest)
  // 收款 张三 99999999999999999999 is a payment with an impossible amount; 收到 + a long number is a tracking number.
  if (facts.monies.length === 0 && (word === '收到' || (!separated && facts.huge.length === 0))) return null

  const issues: ParseIssue[] = []
  const hasOther = facts.monies.some((m) => m.monthDay === null)
  const dates = [...facts.dates]
  const amounts: number[] = []
  for (const m of facts.monies) {
    if (m.monthDay !== null && hasOther) dates.push(m.monthDay)
    else if (!amounts.includes(m.fen)) amounts.push(m.fen)
  }
  const name = facts.lead ?? facts.texts[0] ?? null
  const phone = facts.phones[0] ?? null
  const label = refund ? '退款' : '收款'
  if (name === null && phone === null) issues.push(movementNoCustomer(label))
  for (const raw of facts.badPhones) issues.push(badPhone(raw))
  const amountFen = amounts[0] ?? null
  const huge = facts.huge[0]?.raw
  if (huge !== undefined) issues.push(unreadableAmount(huge))
  else if (amountFen === null) issues.push(movementNoAmount(label))
  else if (amountProblem(amountFen) !== null) issues.push(badAmount(amountFen))
  if (amounts[1] !== undefined && amountFen !== null) issues.push(amountConflict(amountFen, amounts[1]))
  for (const raw of facts.badDates) issues.push(badDate(raw))
  const draft: MoneyMovementDraft = { customer: { name, phone, address: null }, amountFen, date: dates[0] ?? null }
  return refund ? { kind: 'refund', refund: draft, issues } : { kind: 'payment', payment: draft, issues }
}
