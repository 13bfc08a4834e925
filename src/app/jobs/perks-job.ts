/** The `perks` job (DESIGN.md §7): milestones earn one perk message each, to the customer or their agent. */
import { planPerks, type PerkCandidate } from '../../domain/outreach/perks.js'
import type { Store } from '../../domain/ports.js'
import type { Config } from '../config.js'
import type { Job } from './job.js'

/** Every customer with orders, with who can deliver a perk when the bot cannot reach them. */
export function perkCandidates(store: Store): PerkCandidate[] {
  const admin = store.admins.all()[0]
  const stood = (customerId: string): boolean => store.orders.ofCustomer(customerId).some(o => o.status === 'active')
  const referralsOrdered = new Map<string, number>()
  for (const c of store.customers.all()) {
    if (c.referredBy !== undefined && stood(c.id)) referralsOrdered.set(c.referredBy, (referralsOrdered.get(c.referredBy) ?? 0) + 1)
  }
  return store.customers.all().flatMap((c) => {
    const orders = store.orders.ofCustomer(c.id)
      .filter(o => o.status !== 'cancelled')
      .map(o => ({ placedOn: o.placedOn, amountFen: Math.max(0, (o.amountFen ?? 0) - o.refundedFen) }))
    const referred = referralsOrdered.get(c.id) ?? 0
    if (orders.length === 0 && referred === 0) return []
    const agent = c.agentId ? store.agents.byId(c.agentId) : undefined
    const deliverer = agent?.active && agent.contactId ? { contactId: agent.contactId, name: agent.name } : admin && !c.agentId ? { contactId: admin.contactId, name: admin.name } : null
    return [{ customerId: c.id, name: c.name, contactId: c.contactId, optedOut: c.optedOut, deliverer, orders, referralsOrdered: referred }]
  })
}

/** The perks job: one message per customer and milestone reached, never planned twice. */
export function perksJob(store: Store, config: Config): Job {
  const rules = { nthOrder: config.perks.nthOrder, yearlySpendFen: Math.round(config.perks.yearlySpendYuan * 100), anniversary: config.perks.anniversary, referral: config.perks.referral }
  return {
    name: 'perks',
    title: '会员福利',
    aliases: ['会员福利', '福利'],
    summary: `第 ${rules.nthOrder} 单、当年消费满 ${config.perks.yearlySpendYuan} 元${rules.anniversary ? '、首单周年' : ''}${rules.referral ? '、介绍的朋友首次下单' : ''}各送一次福利消息；联系不到本人时发给代理转达`,
    async run({ today }) {
      const { messages, unreachable } = planPerks({ today, candidates: perkCandidates(store), rules, template: config.templates.perk })
      const fresh = messages.filter(m => !store.outbox.byKey(m.dedupeKey))
      const viaAgent = fresh.filter(m => m.text?.startsWith('客户 ')).length
      const notes = [`新达成的福利 ${fresh.length} 条，其中 ${viaAgent} 条请代理转达${unreachable > 0 ? `；${unreachable} 条联系不到客户也没有代理` : ''}。`]
      return { notes, messages: fresh }
    },
  }
}
