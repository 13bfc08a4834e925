/** Turns an accumulated order into an OrderDraft: resolves amount, payment, date, and lists the issues. */

import { amountProblem } from '../money.js'
import type { OrderDraft, ParseIssue, PaymentState } from './draft.js'
import type { MoneyFact } from './analyze-segment.js'
import type { OrderAcc } from './order-acc.js'
import {
  amountConflict, badAmount, badDate, badPhone, badQty, depositTooLarge, noAmount, noCustomer, noItems, paymentConflict,
  totalMismatch, unreadableAmount,
} from './issues.js'

/** `11.20` is a date when the order has another amount, or when it opens its line; otherwise it is ¥11.20. */
function splitMonthDays(acc: OrderAcc): { amounts: MoneyFact[], dates: string[] } {
  const hasOther = acc.monies.some((m) => m.monthDay === null) || acc.lines.some((l) => l.amountFen !== null) ||
    acc.pays.some((p) => p.fen !== null)
  const amounts: MoneyFact[] = []
  const dates: string[] = []
  for (const m of acc.monies) {
    if (m.monthDay !== null && (hasOther || m.leading)) dates.push(m.monthDay)
    else amounts.push(m)
  }
  return { amounts, dates }
}

function computedFromLines(acc: OrderAcc): number | null {
  if (acc.lines.length === 0) return null
  let sum = 0
  for (const l of acc.lines) {
    if (l.amountFen !== null) sum += l.amountFen
    else if (l.unitPriceFen !== null && l.qty !== null) sum += Math.round(l.unitPriceFen * l.qty)
    else return null
  }
  return sum
}

interface Payment {
  payment: PaymentState | null
  paidFen: number | null
  depositFen: number | null
}

function resolvePayment(acc: OrderAcc, amountFen: number | null, issues: ParseIssue[]): Payment {
  const states = new Set(acc.pays.map((p) => p.state))
  const deposit = acc.pays.find((p) => p.state === 'deposit')
  if (deposit) return { payment: 'deposit', paidFen: deposit.fen, depositFen: deposit.fen }
  if (states.has('paid') && (states.has('unpaid') || states.has('cod'))) {
    issues.push(paymentConflict())
    return { payment: null, paidFen: null, depositFen: null }
  }
  if (states.has('cod')) return { payment: 'cod', paidFen: 0, depositFen: null }
  if (states.has('unpaid')) return { payment: 'unpaid', paidFen: 0, depositFen: null }
  if (!states.has('paid')) return { payment: null, paidFen: null, depositFen: null }
  // 已付100 on a ¥398 order is a part payment.
  const part = acc.pays.find((p) => p.fen !== null && amountFen !== null && p.fen < amountFen)
  if (part !== undefined && part.fen !== null) return { payment: 'deposit', paidFen: part.fen, depositFen: part.fen }
  return { payment: 'paid', paidFen: amountFen, depositFen: null }
}

/**
 * The first line price or line total below zero or above the limit (`精华1瓶 ¥-398`, `面膜999999盒 @9999999`).
 * Zero is allowed on a line: a gift in an order that costs something.
 */
function lineOutOfBounds(acc: OrderAcc): number | null {
  for (const l of acc.lines) {
    const product = l.unitPriceFen !== null && l.qty !== null ? l.unitPriceFen * l.qty : null
    for (const fen of [l.amountFen, l.unitPriceFen, product]) if (fen !== null && fen !== 0 && amountProblem(fen) !== null) return fen
  }
  return null
}

function resolveAmount(acc: OrderAcc, amounts: MoneyFact[], issues: ParseIssue[]): number | null {
  // `¥99999999999999999999`, or a bare one where the order has no other amount: refused, quoted as written.
  const huge = acc.hugeAmounts[0] ?? (amounts.length === 0 && computedFromLines(acc) === null ? acc.hugeNumbers[0] : undefined)
  if (huge !== undefined) {
    issues.push(unreadableAmount(huge))
    return null
  }
  const stated = [...new Set([...amounts.filter((m) => m.total), ...amounts.filter((m) => !m.total)].map((m) => m.fen))]
  const paidWith = acc.pays.find((p) => p.state === 'paid' && p.fen !== null)?.fen ?? null
  const computed = computedFromLines(acc)
  const first = stated[0]
  if (first !== undefined && stated[1] !== undefined) issues.push(amountConflict(first, stated[1]))
  const amount = first ?? computed ?? paidWith
  const badLine = lineOutOfBounds(acc)
  if (badLine !== null) {
    issues.push(badAmount(badLine))
    return amount !== null && Number.isSafeInteger(amount) ? amount : null
  }
  if (first !== undefined && computed !== null && computed > 0 && computed !== first) issues.push(totalMismatch(first, computed))
  if (amount !== null && paidWith !== null && paidWith > amount) issues.push(amountConflict(amount, paidWith))
  if (amount !== null && amountProblem(amount) !== null) issues.push(badAmount(amount))
  // Beyond exact integers a sum means nothing: refused above, and not kept.
  return amount !== null && Number.isSafeInteger(amount) ? amount : null
}

/** Resolves the accumulated facts of one order and lists what is missing or contradictory. */
export function finishOrder(acc: OrderAcc): OrderDraft {
  const issues: ParseIssue[] = []
  const phone = acc.phones[0] ?? null
  if (acc.name === null && phone === null) issues.push(noCustomer())
  for (const raw of new Set(acc.badPhones)) issues.push(badPhone(raw))
  const { amounts, dates } = splitMonthDays(acc)
  const amountFen = resolveAmount(acc, amounts, issues)
  const { payment, paidFen, depositFen } = resolvePayment(acc, amountFen, issues)
  if (depositFen !== null && depositFen <= 0) issues.push(badAmount(depositFen, '定金'))
  else if (depositFen !== null && amountFen !== null && amountProblem(amountFen) === null && depositFen > amountFen) {
    issues.push(depositTooLarge(depositFen, amountFen))
  }
  for (const raw of new Set(acc.badDates)) issues.push(badDate(raw))
  for (const l of acc.lines) if (l.qty !== null && l.qty <= 0) issues.push(badQty(l.name))
  for (const l of acc.lines) {
    // 99*2=200: the line's own sum does not add up.
    if (l.amountFen === null || l.unitPriceFen === null || l.qty === null) continue
    const computed = Math.round(l.unitPriceFen * l.qty)
    if (computed !== l.amountFen && amountProblem(computed) === null) issues.push(totalMismatch(l.amountFen, computed))
  }
  if (acc.lines.length === 0) issues.push(noItems())
  if (amountFen === null && !issues.some((i) => i.code === 'bad_amount')) issues.push(noAmount())
  const notes = [...new Set(acc.notes)]
  return {
    customer: { name: acc.name, phone, address: acc.address },
    lines: acc.lines,
    amountFen,
    payment,
    paidFen,
    date: acc.dates[0] ?? dates[0] ?? null,
    note: notes.length > 0 ? notes.join(' ') : null,
    referrer: acc.referrers[0] ?? null,
    issues,
  }
}
