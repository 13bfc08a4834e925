/** The `reactivate` job (DESIGN.md §7): dormant customers reachable through a linked contact get one message. */
import { planReactivation, type ReactivateCandidate } from '../../domain/outreach/reactivate.js'
import { MINUTES_PER_DAY, nextAllowed, parseClockTime } from '../../domain/outreach/quiet-hours.js'
import type { Store } from '../../domain/ports.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import { valueRanks } from '../../domain/segment/value-order.js'
import type { Config } from '../config.js'
import { localDate, localMinuteOfDay } from '../local-time.js'
import { classifyStore } from '../segments/reclassify.js'
import type { Job } from './job.js'

/** Dormant customers with their reactivation history from the outbox. */
export function reactivateCandidates(store: Store, today: string, policy: ClassifyPolicy, timezone: string): ReactivateCandidate[] {
  const history = new Map<string, { previous: number, lastOn: string }>()
  for (const e of store.outbox.all()) {
    if (e.kind !== 'reactivation' || !e.customerId) continue
    const h = history.get(e.customerId)
    const on = localDate(new Date(e.plannedAt), timezone)
    history.set(e.customerId, { previous: (h?.previous ?? 0) + 1, lastOn: h && h.lastOn > on ? h.lastOn : on })
  }
  const classes = classifyStore(store, today, policy).customers
  const ranks = valueRanks(classes)
  return classes.flatMap((c) => {
    const customer = store.customers.byId(c.customerId)
    if (c.group !== 'dormant' || !customer) return []
    const h = history.get(customer.id)
    return [{
      customerId: customer.id, name: customer.name, contactId: customer.contactId, optedOut: customer.optedOut,
      lastProduct: c.summary.lastOrder.lines[0]?.name ?? '上次的商品', daysSince: c.summary.T - c.summary.tx,
      valueRank: ranks.get(c.customerId)!, previous: h?.previous ?? 0, lastOn: h?.lastOn ?? null,
    }]
  })
}

/** From now (or the end of quiet hours) to the start of the next quiet hours; undefined without quiet hours. */
export function sendingWindow(now: Date, config: Config): { fromMs: number, untilMs: number } | undefined {
  const window = { start: parseClockTime(config.sending.quietHours.start)!, end: parseClockTime(config.sending.quietHours.end)! }
  if (window.start === window.end) return undefined
  const minute = Math.floor(localMinuteOfDay(now, config.timezone))
  const wait = nextAllowed(minute, window)
  const open = (window.start - (minute + wait) + MINUTES_PER_DAY) % MINUTES_PER_DAY
  const fromMs = now.getTime() + wait * 60_000
  return { fromMs, untilMs: fromMs + open * 60_000 }
}

export function reactivateJob(store: Store, config: Config, policy: ClassifyPolicy): Job {
  return {
    name: 'reactivate',
    title: '唤醒客户',
    aliases: ['唤醒客户', '唤醒'],
    summary: `给已绑定微信、没有退订的睡眠型客户发一条唤醒消息，每人至少隔 ${config.reactivation.minDays} 天，模板轮换`,
    async run({ today, now }) {
      const candidates = reactivateCandidates(store, today, policy, config.timezone)
      const messages = planReactivation({
        today, candidates, templates: config.templates.reactivation, minDays: config.reactivation.minDays, max: config.sending.dailyCaps.reactivation,
        spread: sendingWindow(now, config),
      })
      const unlinked = candidates.filter(c => c.contactId === null).length
      return { notes: [`睡眠型客户 ${candidates.length} 位，其中 ${unlinked} 位没有绑定微信；本次发 ${messages.length} 位。`], messages }
    },
  }
}
