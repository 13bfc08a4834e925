/** The problems the parser reports, each in short Chinese that says what would have been accepted. */

import { amountProblem, fenToYuanString, formatFen, MAX_AMOUNT_FEN } from '../money.js'
import type { IssueCode, ParseIssue } from './draft.js'

function issue(code: IssueCode, message: string, blocking: boolean): ParseIssue {
  return { code, message, blocking }
}

/** Neither a customer name nor a phone number. */
export function noCustomer(): ParseIssue {
  return issue('no_customer', '没看到客户，请写上客户名字或手机号，如“张三 13800138000 面膜2盒 398”', true)
}

/** An order without any product line. */
export function noItems(): ParseIssue {
  return issue('no_items', '没看到商品，请写上商品和数量，如“面膜2盒”或“精华×3”', false)
}

/** No amount and none can be computed; blocking for payments and refunds. */
export function noAmount(blocking = false): ParseIssue {
  return issue('no_amount', '没看到金额，请写上总价，如“398元”或“¥398”', blocking)
}

/** The stated total disagrees with the lines; confirming keeps the stated total. */
export function totalMismatch(statedFen: number, computedFen: number): ParseIssue {
  const stated = formatFen(statedFen)
  return issue('total_mismatch',
    `合计${stated}和明细相加${formatFen(computedFen)}对不上；回“确认”按${stated}记录，或改好重发，如“合计${fenToYuanString(computedFen)}”`,
    false)
}

/** Two different amounts for one order. */
export function amountConflict(aFen: number, bFen: number): ParseIssue {
  return issue('amount_conflict',
    `金额写了两个：${formatFen(aFen)}和${formatFen(bFen)}，请只留一个总价，如“398元”`, true)
}

/** Both paid and unpaid (or cash on delivery). */
export function paymentConflict(): ParseIssue {
  return issue('payment_conflict',
    '付款状态矛盾：既写了已付又写了未付或到付，请只写一种，如“已付”、“未付”、“到付”或“定金100”', true)
}

/** A line whose quantity is zero: nothing was bought, or a digit went missing. */
export function badQty(name: string): ParseIssue {
  return issue('bad_qty', `“${name}”的数量是0，请写实际买了几件，如“${name}2盒”`, true)
}

/** A number that looks like a phone but is not a mainland mobile. */
export function badPhone(raw: string): ParseIssue {
  return issue('bad_phone', `电话“${raw}”不是有效手机号，请写11位手机号，如“13800138000”或“138-0013-8000”`, true)
}

function amountIssue(what: '金额' | '定金', shown: string, negative: boolean): ParseIssue {
  return negative
    ? issue('bad_amount', `${what}${shown}不对：${what}必须大于0，请写实际的钱数，如“398元”`, true)
    : issue('bad_amount',
      `${what}${shown}超过了单笔上限${formatFen(MAX_AMOUNT_FEN)}，不像真实金额（多打了0？），请核对后重发，如“398元”`, true)
}

/** Zero or less, or more than MAX_AMOUNT_FEN; an amount beyond exact integers is not quoted back. */
export function badAmount(fen: number, what: '金额' | '定金' = '金额'): ParseIssue {
  return amountIssue(what, Number.isSafeInteger(fen) ? formatFen(fen) : '', amountProblem(fen) === 'not_positive')
}

/** A number written as money but too long to read (`¥99999999999999999999`), quoted as written. */
export function unreadableAmount(raw: string): ParseIssue {
  const shown = raw.length > 16 ? `${raw.slice(0, 16)}…` : raw
  return amountIssue('金额', `“${shown}”`, raw.startsWith('-'))
}

/** A deposit larger than the order total. */
export function depositTooLarge(depositFen: number, amountFen: number): ParseIssue {
  return issue('deposit_too_large',
    `定金${formatFen(depositFen)}比总价${formatFen(amountFen)}还多，请核对，如“总价398 定金100”`, true)
}

/** A date that does not exist or cannot be read. */
export function badDate(raw: string): ParseIssue {
  return issue('bad_date', `日期“${raw}”不对，请写如“11月20日”、“11.20”、“2026-11-20”或“昨天”`, true)
}

/** A payment or refund without a customer. */
export function movementNoCustomer(word: '收款' | '退款'): ParseIssue {
  return issue('no_customer', `没看到是哪位客户，请写如“${word} 张三 398”或“${word} 13800138000 398”`, true)
}

/** A payment or refund without an amount. */
export function movementNoAmount(word: '收款' | '退款'): ParseIssue {
  return issue('no_amount', `没看到金额，请写如“${word} 张三 398”或“${word} 张三 ¥398”`, true)
}

/** A correction that could not be read. */
export function badCorrection(): ParseIssue {
  return issue('bad_correction',
    '没看懂要改什么，请写如“改 上一单 金额 298”或“改 #12 数量 3”；可改：金额、数量、电话、客户、日期、已付/未付/到付/定金', true)
}
