/** The funnel lines of 概览: customers at each lifecycle stage, and this month's conversion against last month's. */
import { dateOfDay, dayNumber } from '../../domain/calendar.js'
import type { FunnelChart } from '../../domain/charts/specs.js'
import { funnelMonth, type FunnelPerson, type Step } from '../../domain/segment/funnel.js'
import { lifecycleStage, STAGE_WORDS, type Stage } from '../../domain/segment/lifecycle.js'
import type { MessageContext } from '../context.js'
import { who } from './charts.js'
import { localDate } from '../local-time.js'
import { isOpenProspect } from '../prospects/grade.js'

export interface FunnelView {
  stages: Record<Stage, number>
  thisMonth: { start: string, end: string, steps: ReturnType<typeof funnelMonth> }
  lastMonth: { start: string, end: string, steps: ReturnType<typeof funnelMonth> }
}

/** The funnel of the customers the speaker sees, as of the classification's day. */
export function funnelOf(ctx: MessageContext): FunnelView {
  const { store, config } = ctx.deps
  const { classification, byCustomer } = ctx.classified()
  const asOf = classification.asOf
  const thisStart = `${asOf.slice(0, 7)}-01`
  const lastEnd = dateOfDay(dayNumber(thisStart) - 1)
  const lastStart = `${lastEnd.slice(0, 7)}-01`
  // Who became 忠诚型 in the two months, from the nightly runs' transitions.
  const enteredLoyal = new Map<string, string>()
  const leftLoyal = new Set<string>()
  for (let d = dayNumber(lastStart); d <= dayNumber(asOf); d++) {
    for (const t of store.transitions.on(dateOfDay(d))) {
      if (t.to === 'loyal' && !enteredLoyal.has(t.customerId) && t.from !== 'loyal') enteredLoyal.set(t.customerId, t.on)
      if (t.from === 'loyal' && !enteredLoyal.has(t.customerId)) leftLoyal.add(t.customerId)
    }
  }
  const stages: Record<Stage, number> = { prospect: 0, new: 0, returning: 0, mature: 0, loyal: 0, dormant: 0 }
  const people: FunnelPerson[] = []
  for (const customer of ctx.visible.all()) {
    const c = byCustomer.get(customer.id)
    if (c) stages[lifecycleStage(c.group, c.summary.orderCount, config.lifecycle.matureOrders)]++
    else if (isOpenProspect(customer)) stages.prospect++
    const orderDays = store.orders.ofCustomer(customer.id).filter(o => o.status === 'active' && o.placedOn <= asOf).map(o => o.placedOn).sort()
    const entered = enteredLoyal.get(customer.id)
    const loyalSince = entered ?? (c?.group === 'loyal' || leftLoyal.has(customer.id) ? 'before' : null)
    const prospectSince = customer.prospect ? localDate(new Date(customer.prospect.firstContactAt), config.timezone) : null
    if (orderDays.length > 0 || prospectSince !== null) people.push({ prospectSince, orderDays, loyalSince })
  }
  return {
    stages,
    thisMonth: { start: thisStart, end: asOf, steps: funnelMonth(people, thisStart, asOf) },
    lastMonth: { start: lastStart, end: lastEnd, steps: funnelMonth(people, lastStart, lastEnd) },
  }
}

const pct = (s: Step): string => (s.base === 0 ? '—' : `${Math.round((s.moved / s.base) * 100)}%`)

/** `漏斗：潜在 12 → 新 35 → 老 140 → 忠诚 58（沉睡 40）` and the month's conversion against the last. */
export function funnelLines(ctx: MessageContext): string[] {
  const f = funnelOf(ctx)
  const s = f.stages
  const w = STAGE_WORDS
  const head = `漏斗：${w.prospect} ${s.prospect} → ${w.new} ${s.new} → ${w.returning} ${s.returning + s.mature} → ${w.loyal} ${s.loyal}（${w.dormant} ${s.dormant}）`
  const step = (label: string, now: Step, before: Step): string => `${label} ${pct(now)}（${now.moved}/${now.base}，上月 ${pct(before)}）`
  const t = f.thisMonth.steps
  const l = f.lastMonth.steps
  return [head, `本月转化（截至 ${f.thisMonth.end.slice(5)}）：${step('潜在→新', t.toNew, l.toNew)} · ${step('新→老', t.toReturning, l.toReturning)} · ${step('老→忠诚', t.toLoyal, l.toLoyal)}`]
}

/** The funnel as a chart: 潜在, 新, 老, 忠诚 bars with the month's conversion between them. */
export function funnelSpec(ctx: MessageContext): FunnelChart {
  const f = funnelOf(ctx)
  const s = f.stages
  const t = f.thisMonth.steps
  const l = f.lastMonth.steps
  const step = (now: Step, before: Step): string => `本月 ${pct(now)}（${now.moved}/${now.base}） · 上月 ${pct(before)}`
  return {
    kind: 'funnel',
    title: '客户漏斗',
    subtitle: `${who(ctx)} · 截至 ${f.thisMonth.end}`,
    stages: [
      { label: '潜在客户', count: s.prospect, step: null },
      { label: '新客户', count: s.new, step: step(t.toNew, l.toNew) },
      { label: '老客户', count: s.returning + s.mature, step: step(t.toReturning, l.toReturning) },
      { label: '忠诚客户', count: s.loyal, step: step(t.toLoyal, l.toLoyal) },
    ],
    footnote: `沉睡客户 ${s.dormant} 人另计 · 箭头旁是这一步本月的转化率`,
  }
}
