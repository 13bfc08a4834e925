/** 收款 and 退款. */
import { allocatePayment, applyPaymentPart, applyRefund, refundableFen } from '../../domain/ledger/payments.js'
import { formatFen } from '../../domain/money.js'
import type { MoneyMovementDraft, ParseIssue } from '../../domain/order/draft.js'
import type { Order } from '../../domain/types.js'
import type { MessageContext, Reply } from '../context.js'
import { toPolicy } from '../segments/policy-config.js'
import { accountOf, owedText } from './account.js'
import { issueLines } from './format.js'
import { findCustomer } from './find-customer.js'

/** 收款 张三 398: settles the customer's unpaid orders, oldest first. */
export async function recordPayment(ctx: MessageContext, draft: MoneyMovementDraft, issues: ParseIssue[]): Promise<Reply> {
  if (issues.some(i => i.blocking) || draft.amountFen === null)
    return ['⚠️ 收款没有记录：', ...issueLines(issues), '格式如“收款 张三 398”。'].join('\n')
  const found = findCustomer(ctx, draft.customer)
  if (!found.ok) return ctx.msg.stale ? null : `⚠️ 收款没有记录：${found.reply}`
  const { store } = ctx.deps
  const customer = found.customer
  const orders = store.orders.ofCustomer(customer.id)
  const { applied, leftFen } = allocatePayment(orders, draft.amountFen)
  for (const part of applied) store.orders.update(applyPaymentPart(store.orders.byId(part.orderId)!, part.amountFen))
  const at = ctx.now.toISOString()
  store.payments.add({
    id: `p${store.nextSeq('payment')}`,
    sourceMessageId: ctx.msg.id,
    customerId: customer.id,
    agentId: customer.agentId,
    amountFen: draft.amountFen,
    receivedOn: draft.date ?? ctx.today,
    recordedAt: at,
    applied,
  })
  const account = accountOf(store, customer.id, ctx.today, toPolicy(ctx.deps.config.classify).creditDays)
  const settled = applied.map(a => `#${store.orders.byId(a.orderId)!.no} ${formatFen(a.amountFen)}`).join('、')
  return [
    `✅ 已记录收款 ${customer.name} ${formatFen(draft.amountFen)}`,
    settled ? `冲抵：${settled}` : '没有未付的订单可冲抵',
    leftFen > 0 ? `多出 ${formatFen(leftFen)} 记为预收款` : null,
    owedText(account),
  ].filter(Boolean).join('\n')
}

/** 退款 张三 199: reduces the customer's newest order that still has that much to refund. */
export async function recordRefund(ctx: MessageContext, draft: MoneyMovementDraft, issues: ParseIssue[]): Promise<Reply> {
  if (issues.some(i => i.blocking) || draft.amountFen === null)
    return ['⚠️ 退款没有记录：', ...issueLines(issues), '格式如“退款 张三 199”。'].join('\n')
  const found = findCustomer(ctx, draft.customer)
  if (!found.ok) return ctx.msg.stale ? null : `⚠️ 退款没有记录：${found.reply}`
  const { store } = ctx.deps
  const customer = found.customer
  const amount = draft.amountFen
  const candidates = store.orders.ofCustomer(customer.id).filter(o => refundableFen(o) > 0)
  const target: Order | undefined = [...candidates].reverse().find(o => refundableFen(o) >= amount)
  if (!target) {
    const most = candidates.reduce((m, o) => Math.max(m, refundableFen(o)), 0)
    return most === 0
      ? `⚠️ 退款没有记录：${customer.name} 没有可退款的订单。`
      : `⚠️ 退款没有记录：${formatFen(amount)} 超过了${customer.name}任何一单可退的金额（最多 ${formatFen(most)}）。`
  }
  const updated = applyRefund(target, amount)
  store.orders.update(updated)
  const at = ctx.now.toISOString()
  store.refunds.add({
    id: `r${store.nextSeq('refund')}`,
    sourceMessageId: ctx.msg.id,
    customerId: customer.id,
    agentId: customer.agentId,
    orderId: target.id,
    amountFen: amount,
    refundedOn: draft.date ?? ctx.today,
    recordedAt: at,
  })
  const state = updated.status === 'refunded' ? '，该单已全额退款' : ''
  return `✅ 已记录退款 ${customer.name} ${formatFen(amount)}（#${target.no}${state}）`
}
