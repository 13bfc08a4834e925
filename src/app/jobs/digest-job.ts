/** The morning `digest` job (DESIGN.md §7): one summary per admin, with the pyramid chart when it can be drawn. */
import { dateOfDay, dayNumber } from '../../domain/calendar.js'
import { planDigest, type DigestFacts } from '../../domain/outreach/digest.js'
import type { ContactDirectory, Store } from '../../domain/ports.js'
import type { Classification } from '../../domain/segment/classify.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import { compareByValue } from '../../domain/segment/value-order.js'
import type { Config } from '../config.js'
import { classifyStore } from '../segments/reclassify.js'
import type { Job } from './job.js'

/** What the digest says, from the store and today's classification. */
export function digestFacts(store: Store, today: string, classification: Classification): DigestFacts {
  const lastRun = store.snapshots.latest()?.asOf
  const moved = lastRun ? store.transitions.on(lastRun) : []
  const nameOf = (id: string): string => store.customers.byId(id)?.name ?? id
  const into = (group: string): string[] => moved.filter(t => t.to === group).map(t => nameOf(t.customerId))
  const atRisk = classification.customers.filter(c => c.atRisk).sort(compareByValue)
  const yesterday = dateOfDay(dayNumber(today) - 1)
  const orders = store.orders.placedOn(yesterday).filter(o => o.status === 'active')
  return {
    today,
    newDormant: into('dormant'),
    newGrowing: into('fast_growing'),
    atRisk: { count: atRisk.length, top: atRisk.slice(0, 5).map(c => nameOf(c.customerId)) },
    yesterday: { date: yesterday, orders: orders.length, revenueFen: orders.reduce((s, o) => s + Math.max(0, (o.amountFen ?? 0) - o.refundedFen), 0) },
  }
}

/** Contact ids of bound admins and of configured admins that name exactly one contact (by id, name or remark). */
export async function adminContacts(store: Store, config: Config, contacts?: ContactDirectory): Promise<string[]> {
  const ids = new Set(store.admins.all().map(a => a.contactId))
  for (const entry of config.admins) {
    if (!contacts) break
    const byId = await contacts.byId(entry).catch(() => undefined)
    const found = byId ? [byId] : await contacts.find(entry).catch(() => [])
    if (found.length === 1) ids.add(found[0]!.id)
  }
  return [...ids]
}

export function digestJob(deps: { store: Store, config: Config, contacts?: ContactDirectory, charts: boolean }, policy: ClassifyPolicy): Job {
  return {
    name: 'digest',
    title: '每日简报',
    aliases: ['每日简报', '简报'],
    summary: '早上给每位管理员发简报：新转入睡眠、新晋快速成长、今天要跟进、昨天的订单和收入（附金字塔图）',
    async run({ today }) {
      const facts = digestFacts(deps.store, today, classifyStore(deps.store, today, policy))
      const admins = await adminContacts(deps.store, deps.config, deps.contacts)
      const messages = planDigest({ facts, admins, chart: deps.charts })
      return { notes: [admins.length > 0 ? `发给 ${admins.length} 位管理员。` : '没有能收消息的管理员（先绑定管理员）。'], messages }
    },
  }
}
