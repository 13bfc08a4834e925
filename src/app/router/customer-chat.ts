/**
 * Direct messages from customers (role `customer`, linked to a contact of the bot account): they see
 * no data; they may opt out of marketing (退订) or back in (订阅/恢复). Every message counts as an
 * interaction, a prospect's words are kept as what they asked, and an answer to a recent reactivation
 * alerts their agent through the outbox.
 */
import { contactCandidates } from '../../domain/customer/contact-match.js'
import { dedupeKey } from '../../domain/outreach/outbound.js'
import type { Customer, IncomingMessage } from '../../domain/types.js'
import type { AppDeps, Reply } from '../context.js'
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
  for (const e of store.outbox.ofCustomer(customerId)) {
    if (e.status === 'planned' && MARKETING.has(e.kind))
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
  else if (next.prospect && next.prospect.convertedOn === undefined && text.trim() !== '') {
    // A prospect's question is kept for the grade and for whoever follows them up (the last 20).
    const inquiries = [...next.prospect.inquiries, { at: now.toISOString(), text: text.trim().slice(0, 200) }].slice(-20)
    next = { ...next, prospect: { ...next.prospect, inquiries } }
  }
  store.customers.update(next)
  const alert = answerAlert(deps, next, text, now)
  if (alert) planMessages(store, [alert], now, deps.logger)
  return reply
}

/** A message to the agent when the customer writes within 7 days of a reactivation message. */
function answerAlert(deps: AppDeps, customer: Customer, text: string, now: Date) {
  const since = now.getTime() - ANSWER_DAYS * 86_400_000
  const recent = deps.store.outbox.ofCustomer(customer.id).some(e => e.kind === 'reactivation'
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
