/** The classification as far as the speaker may see it (`ctx.visible`). */
import type { CustomerClass } from '../../domain/segment/classify.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'

/** The classified customers the speaker may see, with their records. */
export function visibleClasses(ctx: MessageContext): { c: CustomerClass, customer: Customer }[] {
  const { classification } = ctx.classified()
  const out: { c: CustomerClass, customer: Customer }[] = []
  for (const c of classification.customers) {
    const customer = ctx.deps.store.customers.byId(c.customerId)
    if (customer && ctx.visible.has(customer)) out.push({ c, customer })
  }
  return out
}

/** `（小王）` after a customer's name for admins, who see every agent's customers; nothing for agents. */
export function agentSuffix(ctx: MessageContext, customer: Customer): string {
  if (ctx.role !== 'admin') return ''
  const agent = customer.agentId ? ctx.deps.store.agents.byId(customer.agentId) : undefined
  return agent ? `（${agent.name}）` : ''
}
