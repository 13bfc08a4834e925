/**
 * Direct messages from customers (role `customer`, linked to a contact of the bot account): they see
 * no data; they may opt out of marketing (退订) or back in (订阅/恢复). Every message counts as an
 * interaction, and an answer to a recent reactivation alerts their agent through the outbox.
 */
import { contactCandidates } from '../../domain/customer/contact-match.js'
import { dedupeKey } from '../../domain/outreach/outbound.js'
import { matchCustomer } from '../../domain/customer/identity.js'
import { isChatter } from '../../domain/order/chatter.js'
import type { OrderDraft } from '../../domain/order/draft.js'
import { isQuestion } from '../../domain/order/lexicon.js'
import { normalizeText } from '../../domain/order/normalize-text.js'
import type { Customer, IncomingMessage } from '../../domain/types.js'
import { formatFen } from '../../domain/money.js'
import type { AppDeps, MessageContext, Reply } from '../context.js'
import { linesLabel } from '../ledger/format.js'
import { commandWords } from '../commands/index.js'
import { parseFor } from '../ledger/handle-parsed.js'
import { recordDrafts } from '../ledger/record-orders.js'
import { planMessages } from '../outbox/plan-messages.js'

const OPT_OUT = new Set(['退订', 'TD', 'td', '取消订阅', '不要再发了', '别发了'])
const OPT_IN = new Set(['订阅', '恢复', '恢复订阅'])

/** `退订。`, `我要退订`, `请退订`: a short message asking to stop counts, whatever is around the word. */
function asksToStop(text: string): boolean {
  const t = text.replace(/[\s。.!！?？~～]+/gu, '')
  return OPT_OUT.has(t) || (t.length <= 6 && t.includes('退订'))
}

/** Marketing planned for a customer (reactivation, invite, perk) that must no longer go out. */
export function skipPlannedMarketing(store: AppDeps['store'], customerId: string, why: string): void {
  for (const e of store.outbox.all()) {
    if (e.customerId === customerId && e.status === 'planned' && MARKETING.has(e.kind))
      store.outbox.update({ ...e, status: 'skipped', lastError: why })
  }
}
const ANSWER_DAYS = 7
const MARKETING = new Set(['reactivation', 'invite', 'perk'])

/** Links the sender of a direct message to the one customer it matches, if exactly one does. */
export async function autoLink(deps: AppDeps, msg: IncomingMessage): Promise<Customer | undefined> {
  if (msg.roomId !== null || msg.fromSelf || msg.stale) return undefined
  const contact = await deps.contacts.byId(msg.senderId).catch(() => undefined)
  if (!contact) return undefined
  const found = contactCandidates(deps.store.customers.all(), contact)
  if (found.length !== 1) {
    if (found.length > 1) deps.logger.info('contact not linked: several customers match', { contact: contact.id, candidates: found.length })
    return undefined
  }
  const customer = { ...found[0]!, contactId: contact.id }
  deps.store.customers.update(customer)
  deps.logger.info('customer linked to contact', { customer: customer.id })
  return customer
}

/** The reply to a linked customer's direct message (null: silence), after recording the interaction. */
export async function customerMessage(deps: AppDeps, msg: IncomingMessage, customer: Customer, text: string, now: Date): Promise<Reply> {
  const { store } = deps
  if (msg.roomId !== null || msg.stale) return null
  let next: Customer = { ...customer, lastInteractionAt: now.toISOString() }
  let reply: string | null = null
  if (asksToStop(text)) {
    if (!customer.optedOut) reply = '好的，以后不再给你发送活动和提醒消息。想恢复时回复“订阅”即可。'
    next = { ...next, optedOut: true }
    // Marketing already planned for them is not sent any more.
    skipPlannedMarketing(deps.store, customer.id, '客户已退订')
  }
  else if (OPT_IN.has(text.replace(/[\s。.!！?？~～]+/gu, ''))) {
    if (customer.optedOut) reply = '好的，已恢复，之后有活动会再通知你。'
    next = { ...next, optedOut: false }
  }
  store.customers.update(next)
  const alert = answerAlert(deps, next, text, now)
  if (alert) planMessages(store, [alert], now, deps.logger)
  store.handled.add(msg.id, now.toISOString())
  await store.commit()
  return reply
}

/** A message to the agent when the customer writes within 7 days of a reactivation message. */
function answerAlert(deps: AppDeps, customer: Customer, text: string, now: Date) {
  const since = now.getTime() - ANSWER_DAYS * 86_400_000
  const recent = deps.store.outbox.all().some(e => e.kind === 'reactivation' && e.customerId === customer.id
    && e.status === 'sent' && e.sentAt !== undefined && Date.parse(e.sentAt) >= since)
  if (!recent) return null
  const agent = customer.agentId ? deps.store.agents.byId(customer.agentId) : undefined
  const to = agent?.active && agent.contactId ? agent.contactId : deps.store.admins.all()[0]?.contactId
  if (!to) return null
  return {
    kind: 'alert' as const,
    to: { contactId: to },
    text: `💬 客户 ${customer.name} 回复了唤醒消息：“${text.slice(0, 60)}”\n请尽快跟进。`,
    dedupeKey: dedupeKey('answer', customer.id, now.toISOString().slice(0, 10)),
    customerId: customer.id,
  }
}

/**
 * A contact of the bot account who is no one yet sends their own order by direct message, with a
 * phone number that belongs to exactly one customer who has no contact yet: the contact is linked to
 * that customer and the order recorded under them; their agent hears of it through the outbox.
 * Anything else from a stranger stays unanswered.
 */
export async function ownOrder(ctx: MessageContext): Promise<Reply> {
  const { store } = ctx.deps
  const draft = ownDraft(ctx)
  if (draft === null || draft.customer.phone === null) return null
  const owner = store.customers.byPhone(draft.customer.phone)
  if (!owner || owner.contactId !== null) return null
  return recordOwnOrder(ctx, owner, draft)
}

/**
 * A linked customer's own order by direct message (`面膜2盒`, `再来两盒面膜`): no name is needed, the
 * sender is the customer. Null when the message orders nothing (chat, 退订, a question).
 */
export async function linkedCustomerOrder(ctx: MessageContext, customer: Customer): Promise<Reply> {
  const draft = ownDraft(ctx, true)
  if (draft === null || draft.lines.length === 0) return null
  // An order naming someone else (another name or phone) is not the customer's own: it stays unanswered.
  const { name, phone } = draft.customer
  if ((name !== null && name !== customer.name && !customer.aliases.includes(name)) || (phone !== null && phone !== customer.phone)) return null
  // Recorded only when the draft, named after the customer, finds this very customer.
  const match = matchCustomer({ name: customer.name, phone: customer.phone }, customer.agentId, ctx.deps.store.customers)
  return match.kind === 'existing' && match.customer.id === customer.id ? recordOwnOrder(ctx, customer, draft) : null
}

/** The one order a direct message holds, when nothing in it blocks recording. */
function ownDraft(ctx: MessageContext, fromCustomer = false): OrderDraft | null {
  const { msg } = ctx
  if (msg.roomId !== null || msg.fromSelf || msg.stale) return null
  let parsed = parseFor(ctx, fromCustomer ? commandWords() : [])
  // From a customer, `面膜2盒` alone is an order (who it is for is known); a question or chat is not.
  const talk = isQuestion(msg.text) || isChatter(normalizeText(msg.text))
  if (fromCustomer && parsed.kind === 'none' && !talk) {
    const counted = parseFor({ ...ctx, msg: { ...msg, text: `下单 ${msg.text}` } }, [])
    if (counted.kind === 'order' && counted.orders.every(o => o.lines.length > 0 && o.lines.every(l => l.qty !== null))) parsed = counted
  }
  if (parsed.kind !== 'order' || parsed.orders.length !== 1 || parsed.issues.some(i => i.blocking)) return null
  const draft = parsed.orders[0]!
  return draft.issues.some(i => i.blocking && (!fromCustomer || i.code !== 'no_customer')) ? null : draft
}

/** Records the customer's own order, links the contact, and tells their agent through the outbox. */
async function recordOwnOrder(ctx: MessageContext, owner: Customer, draft: OrderDraft): Promise<Reply> {
  const { store } = ctx.deps
  const { msg } = ctx
  const linked: Customer = { ...owner, contactId: msg.senderId, lastInteractionAt: ctx.now.toISOString() }
  store.customers.update(linked)
  const agent = owner.agentId ? store.agents.byId(owner.agentId) : undefined
  const [recorded] = recordDrafts({ ...ctx, agent }, [{ ...draft, customer: { ...draft.customer, name: owner.name, phone: owner.phone ?? draft.customer.phone } }], msg.id)
  const order = recorded!.order
  const what = `${linesLabel(order.lines)} ${order.amountFen === null ? '' : formatFen(order.amountFen)}`.trim()
  const to = agent?.active && agent.contactId ? agent.contactId : store.admins.all()[0]?.contactId
  if (to) {
    planMessages(store, [{
      kind: 'alert',
      to: { contactId: to },
      text: `🛒 客户 ${owner.name} 自己在微信上下单了：#${order.no} ${what}\n请尽快确认发货。`,
      dedupeKey: dedupeKey('own-order', owner.id, msg.id),
      customerId: owner.id,
    }], ctx.now, ctx.deps.logger)
  }
  await store.commit()
  ctx.deps.logger.info('customer linked by their own order', { customer: owner.id })
  return `✅ 已收到您的订单：${what}。我们会尽快和您确认。`
}
