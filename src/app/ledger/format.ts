/** How records are quoted back to agents, so a misread order is visible at once. */
import { maskPhone } from '../../domain/customer/identity.js'
import { formatFen } from '../../domain/money.js'
import type { LineDraft, ParseIssue, PaymentState } from '../../domain/order/draft.js'
import type { Customer, Order, OrderLine, PendingOrder } from '../../domain/types.js'

export function paymentLabel(payment: PaymentState | null, paidFen: number | null): string {
  switch (payment) {
    case 'paid': return '已付'
    case 'unpaid': return '未付'
    case 'cod': return '货到付款'
    case 'deposit': return paidFen ? `定金${formatFen(paidFen)}` : '付了定金'
    case null: return '付款未注明'
  }
}

export function linesLabel(lines: readonly (OrderLine | LineDraft)[]): string {
  if (lines.length === 0) return '（未写商品）'
  return lines.map((l) => {
    const qty = l.qty === null ? '' : `×${l.qty}${l.unit ?? ''}`
    const spec = l.spec ? `(${l.spec})` : ''
    const price = l.unitPriceFen === null ? '' : ` 单价${formatFen(l.unitPriceFen)}`
    return `${l.name}${spec}${qty}${price}`
  }).join('、')
}

export function phoneLabel(phone: string | null, inRoom: boolean): string {
  if (!phone) return ''
  return ` ${inRoom ? maskPhone(phone) : phone}`
}

export function amountLabel(amountFen: number | null): string {
  return amountFen === null ? '金额待补' : formatFen(amountFen)
}

/** One recorded order on one line: `#12 张三 138****8000：面膜×2盒 ¥398 已付 11-20`. */
export function orderLine(order: Order, customer: Customer, inRoom: boolean, today: string): string {
  const date = order.placedOn === today ? '' : ` ${order.placedOn.slice(5)}`
  return `#${order.no} ${customer.name}${phoneLabel(customer.phone, inRoom)}：${linesLabel(order.lines)} ${amountLabel(order.amountFen)} ${paymentLabel(order.payment, order.paidFen)}${date}`
}

/** A draft as understood, for questions and confirmations. */
export function draftLine(d: PendingOrder, inRoom: boolean): string {
  const who = `${d.customer.name ?? '（无客户名）'}${phoneLabel(d.customer.phone, inRoom)}`
  const date = d.date ? ` ${d.date.slice(5)}` : ''
  return `${who}：${linesLabel(d.lines)} ${amountLabel(d.amountFen)} ${paymentLabel(d.payment, d.paidFen)}${date}`
}

export function issueLines(issues: readonly ParseIssue[]): string[] {
  return issues.map(i => `· ${i.message}`)
}
