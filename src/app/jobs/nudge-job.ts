/** The morning `nudge` job (DESIGN.md §7): each agent's customers to contact today, with lines to forward. */
import { dayNumber } from '../../domain/calendar.js'
import { lastTouchDay } from '../../domain/customer/prospect.js'
import { planNudges, type NudgeCustomer, type NudgeProspect } from '../../domain/outreach/nudge.js'
import type { Store } from '../../domain/ports.js'
import { lifecycleStage, STAGE_NAMES } from '../../domain/segment/lifecycle.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import type { Config } from '../config.js'
import { dayOfIn, gradeOf, isOpenProspect, productWords } from '../prospects/grade.js'
import { classifyStore } from '../segments/reclassify.js'
import type { Job } from './job.js'

/** Customers that became dormant at the last reclassify, or are at risk now, with what the plan needs. */
export function nudgeCustomers(store: Store, today: string, policy: ClassifyPolicy, matureOrders: number, classified = classifyStore(store, today, policy)): NudgeCustomer[] {
  const lastRun = store.snapshots.latest()?.asOf
  const newlyDormant = new Set(lastRun ? store.transitions.on(lastRun).filter(t => t.to === 'dormant').map(t => t.customerId) : [])
  const out: NudgeCustomer[] = []
  for (const c of classified.customers) {
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

/** Open prospects of active agents not heard from or followed up for `followUpDays` days or more. */
export function nudgeProspects(store: Store, config: Config, today: string, classOf: (id: string) => CustomerClass | undefined): NudgeProspect[] {
  const products = productWords(store)
  const out: NudgeProspect[] = []
  for (const c of store.customers.all()) {
    if (!c.agentId || !isOpenProspect(c)) continue
    const silent = dayNumber(today) - dayNumber(lastTouchDay(c.prospect!, dayOfIn(config)))
    if (silent < config.prospects.followUpDays) continue
    const g = gradeOf(c, { store, config, classOf, products }, today)!
    out.push({ agentId: c.agentId, name: c.name, grade: g.grade, daysSilent: silent, why: g.reasons.join('；') })
  }
  return out
}

export function nudgeJob(store: Store, policy: ClassifyPolicy, config: Config): Job {
  const { templates: { nudge: template }, lifecycle: { matureOrders } } = config
  return {
    name: 'nudge',
    title: '跟进提醒',
    aliases: ['跟进提醒', '提醒代理'],
    summary: '早上给每位代理发一条：他的客户里刚转入睡眠或需要跟进的（每位附一句可直接转发的话），以及该跟进的意向客户',
    async run({ today }) {
      const agents = store.agents.all().flatMap(a => a.active && a.contactId ? [{ id: a.id, name: a.name, contactId: a.contactId }] : [])
      const classified = classifyStore(store, today, policy)
      const customers = nudgeCustomers(store, today, policy, matureOrders, classified)
      const byId = new Map(classified.customers.map(c => [c.customerId, c]))
      const prospects = nudgeProspects(store, config, today, id => byId.get(id))
      const messages = planNudges({ today, agents, customers, prospects, template })
      const listed = customers.filter(c => !c.optedOut && agents.some(a => a.id === c.agentId)).length
      const leads = prospects.filter(p => agents.some(a => a.id === p.agentId)).length
      return { notes: [`${messages.length} 位代理有客户要跟进，共 ${listed} 位客户${leads > 0 ? `、${leads} 位意向客户` : ''}。`], messages }
    },
  }
}
