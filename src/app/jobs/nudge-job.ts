/** The morning `nudge` job (DESIGN.md §7): each agent's customers to contact today, with lines to forward. */
import { planNudges, type NudgeCustomer } from '../../domain/outreach/nudge.js'
import type { Store } from '../../domain/ports.js'
import { lifecycleStage, STAGE_NAMES } from '../../domain/segment/lifecycle.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import { classifyStore } from '../segments/reclassify.js'
import type { Job } from './job.js'

/** Customers that became dormant at the last reclassify, or are at risk now, with what the plan needs. */
export function nudgeCustomers(store: Store, today: string, policy: ClassifyPolicy, matureOrders: number): NudgeCustomer[] {
  const lastRun = store.snapshots.latest()?.asOf
  const newlyDormant = new Set(lastRun ? store.transitions.on(lastRun).filter(t => t.to === 'dormant').map(t => t.customerId) : [])
  const out: NudgeCustomer[] = []
  for (const c of classifyStore(store, today, policy).customers) {
    const reason = newlyDormant.has(c.customerId) ? 'dormant' : c.atRisk ? 'atRisk' : null
    const customer = store.customers.byId(c.customerId)
    if (!reason || !customer?.agentId) continue
    out.push({
      customerId: customer.id,
      agentId: customer.agentId,
      name: customer.name,
      lastProduct: c.summary.lastOrder.lines[0]?.name ?? '上次的商品',
      daysSince: c.summary.T - c.summary.tx,
      reason,
      stage: STAGE_NAMES[lifecycleStage(c.group, c.summary.orderCount, matureOrders)],
      optedOut: customer.optedOut,
    })
  }
  return out
}

export function nudgeJob(store: Store, policy: ClassifyPolicy, template: string, matureOrders: number): Job {
  return {
    name: 'nudge',
    title: '跟进提醒',
    aliases: ['跟进提醒', '提醒代理'],
    summary: '早上给每位代理发一条：他的客户里刚转入睡眠或需要跟进的，每位附一句可直接转发的话',
    async run({ today }) {
      const agents = store.agents.all().flatMap(a => a.active && a.contactId ? [{ id: a.id, name: a.name, contactId: a.contactId }] : [])
      const customers = nudgeCustomers(store, today, policy, matureOrders)
      const messages = planNudges({ today, agents, customers, template })
      const listed = customers.filter(c => !c.optedOut && agents.some(a => a.id === c.agentId)).length
      return { notes: [`${messages.length} 位代理有客户要跟进，共 ${listed} 位客户。`], messages }
    },
  }
}
