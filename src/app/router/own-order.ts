/**
 * A customer's own order by direct message (README: customers and their WeChat contacts). A linked
 * customer's order is never lost: it is recorded for them, or, when it cannot be (it names someone
 * else, holds several orders, or something in it blocks recording), passed on to their agent — or the
 * admins when they have none — with what was sent and who sent it, and the customer is told so. A
 * stranger is heard only when their order carries the phone of a customer not linked yet.
 */
import { dedupeKey, type OutboundMessage } from '../../domain/outreach/outbound.js'
import { isChatter } from '../../domain/order/chatter.js'
import type { OrderDraft } from '../../domain/order/draft.js'
import { isQuestion } from '../../domain/order/lexicon.js'
import { normalizeText } from '../../domain/order/normalize-text.js'
import { asksForSameAgain, asksToReturn, looksLikeProduct, ownOrderText, withoutGreeting } from '../../domain/order/own-words.js'
import { formatFen } from '../../domain/money.js'
import type { Store } from '../../domain/ports.js'
import type { Customer } from '../../domain/types.js'
import { commandWords } from '../commands/index.js'
import type { MessageContext, Reply } from '../context.js'
import { linesLabel } from '../ledger/format.js'
import { parseFor } from '../ledger/handle-parsed.js'
import { recordOrder } from '../ledger/record-order.js'
import { planMessages } from '../outbox/plan-messages.js'

export const PASSED_ON = '📨 收到！这条订单已转给负责您的同事，TA 会尽快和您确认。'

/** What a direct message holds as an order: nothing, one order to record, or an order that needs a person. */
type OwnRead =
  | { kind: 'none' }
  | { kind: 'order', draft: OrderDraft }
  | { kind: 'unclear', why: string }

/**
 * A contact of the bot account who is no one yet sends their own order by direct message, with a
 * phone number that belongs to exactly one customer who has no contact yet: the contact is linked to
 * that customer and the order recorded under them; their agent hears of it through the outbox.
 * Anything else from a stranger stays unanswered.
 */
export async function strangerOrder(ctx: MessageContext): Promise<Reply> {
  const read = readOwn(ctx, false)
  if (read.kind !== 'order' || read.draft.customer.phone === null) return null
  const owner = ctx.deps.store.customers.byPhone(read.draft.customer.phone)
  if (!owner || owner.contactId !== null) return null
  return recordOwnOrder(ctx, owner, read.draft)
}

/**
 * A linked customer's own order by direct message (`面膜2盒`, `您好，再给我来两盒面膜吧`): no name is
 * needed, the sender is the customer. Null when the message orders nothing (chat, 退订, a question).
 */
export async function linkedCustomerOrder(ctx: MessageContext, customer: Customer): Promise<Reply> {
  const read = readOwn(ctx, true)
  if (read.kind === 'none') return null
  if (read.kind === 'unclear') return passOn(ctx, customer, read.why)
  const other = someoneElse(ctx.deps.store, customer, read.draft)
  return other ? passOn(ctx, customer, other) : recordOwnOrder(ctx, customer, read.draft)
}

/**
 * Why the order is not the customer's own, or null when it is: it names nobody, or them, and a phone
 * that is theirs or no one's (`面膜2盒 398 13700137000` from a customer without a phone on record).
 */
function someoneElse(store: Store, customer: Customer, draft: OrderDraft): string | null {
  const { name, phone } = draft.customer
  if (name !== null && name !== customer.name && !customer.aliases.includes(name)) return `写的客户是“${name}”`
  if (phone === null || phone === customer.phone) return null
  const owner = store.customers.byPhone(phone)
  // Whose it is stays unsaid: it may be another agent's customer.
  if (owner && owner.id !== customer.id) return `电话 ${phone} 已登记在另一位客户名下`
  return null
}

/** Reads the message as the sender's own order; from a linked customer, their way of asking counts too. */
function readOwn(ctx: MessageContext, fromCustomer: boolean): OwnRead {
  const { msg } = ctx
  // Backlog after a restart is read too: recorded (or passed on) without a reply, as agents' orders are.
  if (msg.roomId !== null || msg.fromSelf) return { kind: 'none' }
  if (!fromCustomer) return oneOrder(parseFor(ctx, []), false)
  // A question, chat or a return is not an order (`这款面膜多少钱一盒？`, `今天好累啊，发了三个快递`, `我要退2盒`).
  const own = ownOrderText(msg.text)
  if (isQuestion(withoutGreeting(msg.text)) || own === '' || isChatter(normalizeText(own)) || asksToReturn(own)) return { kind: 'none' }
  const parsed = parseFor({ ...ctx, msg: { ...msg, text: own } }, commandWords())
  if (parsed.kind !== 'none') return oneOrder(parsed, true)
  // From a customer, `面膜2盒` alone is an order: who it is for is known.
  const counted = parseFor({ ...ctx, msg: { ...msg, text: `下单 ${own}` } }, [])
  if (counted.kind === 'order' && counted.orders.every(o => o.lines.length > 0 && o.lines.every(l => l.qty !== null && looksLikeProduct(l.name))))
    return oneOrder(counted, true)
  // `再来一单`, `老样子再来一份`: an order, but of what only their agent knows.
  return asksForSameAgain(own) ? { kind: 'unclear', why: '没写要什么商品，可能是照上次的' } : { kind: 'none' }
}

function oneOrder(parsed: ReturnType<typeof parseFor>, fromCustomer: boolean): OwnRead {
  if (parsed.kind !== 'order') return { kind: 'none' }
  if (parsed.orders.length !== 1) return { kind: 'unclear', why: `一条消息里有 ${parsed.orders.length} 单` }
  const draft = parsed.orders[0]!
  // The customer is the sender: a draft without a name is theirs.
  const blocking = [...parsed.issues, ...draft.issues].filter(i => i.blocking && (!fromCustomer || i.code !== 'no_customer'))
  if (blocking.length > 0) return { kind: 'unclear', why: blocking[0]!.message }
  if (draft.lines.length === 0) return fromCustomer ? { kind: 'unclear', why: '没看出要什么商品' } : { kind: 'none' }
  return { kind: 'order', draft }
}

/** Who hears about a customer's message: their agent, else every admin bound to a contact. */
function staffFor(store: Store, customer: Customer): string[] {
  const agent = customer.agentId ? store.agents.byId(customer.agentId) : undefined
  if (agent?.active && agent.contactId) return [agent.contactId]
  return [...new Set(store.admins.all().map(a => a.contactId))]
}

function alerts(ctx: MessageContext, customer: Customer, job: string, text: string): OutboundMessage[] {
  return staffFor(ctx.deps.store, customer).map(to => ({
    kind: 'alert' as const,
    to: { contactId: to },
    text,
    dedupeKey: dedupeKey(job, customer.id, `${ctx.msg.id}>${to}`),
    customerId: customer.id,
  }))
}

/** Records the customer's own order, links the contact, and tells their agent through the outbox. */
async function recordOwnOrder(ctx: MessageContext, owner: Customer, draft: OrderDraft): Promise<Reply> {
  const { store } = ctx.deps
  const { msg } = ctx
  const linked: Customer = { ...owner, contactId: msg.senderId, lastInteractionAt: ctx.now.toISOString() }
  store.customers.update(linked)
  const by = { agentId: linked.agentId, ownCustomersOnly: false, by: msg.senderId, sourceId: msg.id, day: ctx.today, customer: linked }
  const result = recordOrder(ctx.deps, draft, by, ctx.now)
  if (result.kind !== 'recorded') throw new Error(`own order not recorded: ${result.kind}`)
  const { order, customer } = result
  const what = `${linesLabel(order.lines)} ${order.amountFen === null ? '' : formatFen(order.amountFen)}`.trim()
  const written = draft.customer.phone !== null && draft.customer.phone !== customer.phone ? `\n（订单里写的电话：${draft.customer.phone}）` : ''
  planMessages(store, alerts(ctx, customer, 'own-order', `🛒 客户 ${customer.name} 自己在微信上下单了：#${order.no} ${what}${written}\n请尽快确认发货。`), ctx.now, ctx.deps.logger)
  ctx.deps.logger.info('customer linked by their own order', { customer: customer.id })
  return `✅ 已收到您的订单：${what}。我们会尽快和您确认。`
}

/**
 * An order from a linked customer that cannot be recorded as it is: their agent (or the admins) get
 * the message as written and who sent it; the customer hears that it was passed on.
 */
async function passOn(ctx: MessageContext, customer: Customer, why: string): Promise<Reply> {
  const { store, logger } = ctx.deps
  const { msg } = ctx
  const text = msg.text.length > 300 ? `${msg.text.slice(0, 300)}…` : msg.text
  const messages = alerts(ctx, customer, 'own-order-unclear', [
    `📨 客户 ${customer.name}（微信：${msg.senderName}）发来一条订单，没能自动记录（${why}），请跟进：`,
    `“${text}”`,
  ].join('\n'))
  store.customers.update({ ...customer, lastInteractionAt: ctx.now.toISOString() })
  planMessages(store, messages, ctx.now, logger)
  if (messages.length === 0) {
    logger.warn('customer order not passed on: no agent or admin to tell', { customer: customer.id })
    return null
  }
  logger.info('customer order passed on', { customer: customer.id, to: messages.length })
  return PASSED_ON
}
