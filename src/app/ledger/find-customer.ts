/** Finding the customer a payment, refund or correction is about, within what the sender may see. */
import { maskPhone, tellApart } from '../../domain/customer/identity.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'

export type Found = { ok: true, customer: Customer } | { ok: false, reply: string }

/** Agents see only their own customers; admins see everyone's. */
export function canSee(ctx: MessageContext, customer: Customer): boolean {
  return ctx.role === 'admin' || (ctx.agent !== undefined && customer.agentId === ctx.agent.id)
}

export function findCustomer(ctx: MessageContext, who: { name: string | null, phone: string | null }): Found {
  const { customers } = ctx.deps.store
  let candidates: Customer[] = []
  if (who.phone) {
    const c = customers.byPhone(who.phone)
    candidates = c ? [c] : []
  }
  else if (who.name) {
    candidates = ctx.role === 'admin'
      ? customers.all().filter(c => c.name === who.name || c.aliases.includes(who.name!))
      : customers.byName(ctx.agent?.id ?? null, who.name)
  }
  else {
    return { ok: false, reply: '请写上客户名字或电话。' }
  }
  candidates = candidates.filter(c => canSee(ctx, c))
  const label = who.name ?? (who.phone && ctx.inRoom ? maskPhone(who.phone) : who.phone) ?? ''
  if (candidates.length === 0) return { ok: false, reply: `找不到客户“${label}”。请核对名字，或用电话号码。` }
  if (candidates.length > 1) {
    return { ok: false, reply: `有${candidates.length}位客户叫“${label}”（${tellApart(candidates)}），请改用电话号码。` }
  }
  return { ok: true, customer: candidates[0]! }
}
