import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'

/** `微信：已绑定（备注 xxx）` / `微信：未绑定`, for the 客户 profile. */
export async function wechatLine(ctx: MessageContext, customer: Customer): Promise<string> {
  const optedOut = customer.optedOut ? ' · 已退订营销消息' : ''
  if (customer.contactId === null) return `微信：未绑定${optedOut}`
  const contact = await ctx.deps.contacts.byId(customer.contactId).catch(() => undefined)
  const label = contact ? (contact.alias ? `（备注 ${contact.alias}）` : `（${contact.name}）`) : ''
  return `微信：已绑定${label}${optedOut}`
}
