/** 撤销 and 改: an agent fixes their own last order (or a numbered one). */
import { maskPhone } from '../../domain/customer/identity.js'
import { formatFen } from '../../domain/money.js'
import type { CorrectionDraft, ParseIssue, PaymentState } from '../../domain/order/draft.js'
import type { Order } from '../../domain/types.js'
import type { MessageContext, Reply } from '../context.js'
import { issueLines, orderLine } from './format.js'
import { recostOrder } from './catalogue.js'
import { identifyCustomer, newCustomer } from './record-order.js'

/** What recorded 收款 have settled on this order (money that must not silently vanish). */
function collectedFen(ctx: MessageContext, order: Order): number {
  return ctx.deps.store.payments.ofCustomer(order.customerId)
    .flatMap(p => p.applied)
    .filter(a => a.orderId === order.id)
    .reduce((sum, a) => sum + a.amountFen, 0)
}

/** 撤销: cancels the newest active order this sender recorded. */
export async function undoLast(ctx: MessageContext): Promise<Reply> {
  const { store } = ctx.deps
  const order = store.orders.lastRecordedBy(ctx.msg.senderId)
  if (!order) return '没有可以撤销的报单。'
  const collected = collectedFen(ctx, order)
  if (collected > 0) return `⚠️ #${order.no} 已收款${formatFen(collected)}，不能直接撤销。请先发“退款”，或用“改”修正。`
  const cancelled: Order = { ...order, status: 'cancelled' }
  store.orders.update(cancelled)
  const customer = store.customers.byId(order.customerId)!
  // A prospect whose only order is undone is a prospect again.
  if (customer.prospect?.convertedOn !== undefined && !store.orders.ofCustomer(customer.id).some(o => o.status === 'active')) {
    const reopened = { ...customer.prospect }
    delete reopened.convertedOn
    store.customers.update({ ...customer, prospect: reopened })
  }
  return `↩️ 已撤销：${orderLine(order, customer, ctx.inRoom, ctx.today)}`
}

const PAYMENT_WORDS: Record<string, PaymentState> = { paid: 'paid', unpaid: 'unpaid', cod: 'cod', deposit: 'deposit' }

/** 改 上一单 金额 298 and friends. */
export async function correctOrder(ctx: MessageContext, draft: CorrectionDraft | null, issues: ParseIssue[]): Promise<Reply> {
  if (!draft) return ['⚠️ 没看懂要改什么：', ...issueLines(issues)].join('\n')
  const { store } = ctx.deps
  const target = draft.target.kind === 'last'
    ? store.orders.lastRecordedBy(ctx.msg.senderId)
    : store.orders.byNo(draft.target.no)
  if (!target || target.status !== 'active' || !ctx.visible.has(store.customers.byId(target.customerId)!)
    || (ctx.role !== 'admin' && target.recordedBy !== ctx.msg.senderId && target.agentId !== ctx.agent?.id)) {
    return draft.target.kind === 'last' ? '没有可以修改的报单。' : `找不到可以修改的订单 #${draft.target.no}。`
  }
  let order: Order = target
  const at = ctx.now.toISOString()
  switch (draft.field) {
    case 'amount': {
      const amountFen = Number(draft.value)
      const collected = collectedFen(ctx, order)
      if (amountFen < collected) return `⚠️ #${order.no} 已收款${formatFen(collected)}，金额不能改得比这更少。`
      order = { ...order, amountFen, paidFen: order.payment === 'paid' ? amountFen : Math.min(order.paidFen, amountFen) }
      break
    }
    case 'qty': {
      if (order.lines.length !== 1) return `#${order.no} 有${order.lines.length}种商品，请重新报单或改金额。`
      order = { ...order, lines: [{ ...order.lines[0]!, qty: Number(draft.value) }] }
      break
    }
    case 'date':
      order = { ...order, placedOn: String(draft.value) }
      break
    case 'payment': {
      const payment = PAYMENT_WORDS[String(draft.value)]
      if (!payment) return '付款状态只能改为：已付、未付、货到付款。'
      order = { ...order, payment, paidFen: payment === 'paid' ? order.amountFen ?? 0 : payment === 'unpaid' || payment === 'cod' ? 0 : order.paidFen }
      break
    }
    case 'phone': {
      const phone = String(draft.value)
      const owner = store.customers.byPhone(phone)
      const customer = store.customers.byId(order.customerId)!
      if (owner && owner.id !== customer.id) return `⚠️ 电话 ${maskPhone(phone)} 已属于另一位客户，没有修改。`
      store.customers.update({ ...customer, phone })
      break
    }
    case 'customer': {
      const name = String(draft.value)
      const agentId = order.agentId
      const match = identifyCustomer(store, { name, phone: null, address: null }, { agentId, ownCustomersOnly: false })
      if (match.kind === 'ambiguous') return `有${match.candidates.length}位客户叫“${name}”，请用“改 上一单 电话 …”指明。`
      const customer = match.kind === 'existing' ? match.customer : newCustomer(store, { name, phone: null, address: null, agentId }, at)
      if (match.kind !== 'existing') store.customers.add(customer)
      order = { ...order, customerId: customer.id }
      break
    }
  }
  if (draft.field === 'amount' || draft.field === 'qty') order = recostOrder(store, order)
  store.orders.update(order)
  const customer = store.customers.byId(order.customerId)!
  const amountNote = draft.field === 'amount' ? `（原金额 ${target.amountFen === null ? '待补' : formatFen(target.amountFen)}）` : ''
  return `✏️ 已修改：${orderLine(order, customer, ctx.inRoom, ctx.today)}${amountNote}`
}
