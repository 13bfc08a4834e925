/** 概览: the merchant's (or an agent's) customer base on one phone screen. */
import { formatYuanShort } from '../../domain/charts/format.js'
import { formatFen } from '../../domain/money.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import { GROUP_NAMES, type Group } from '../../domain/segment/groups.js'
import type { MessageContext } from '../context.js'
import { methodNote } from './profile.js'
import { agentSuffix, visibleClasses } from './scope.js'

export const GROUP_ORDER: Group[] = ['loyal', 'fast_growing', 'nurture', 'dormant']
const TIERS = ['A', 'B', 'C', 'D'] as const

/**
 * What customers brought in over the last 12 months: profit when the cost of every customer's orders is
 * known, else spend for everyone (mixing the two would compare unlike numbers).
 */
export function contribution(classes: readonly CustomerClass[]): { label: '利润' | '消费额', of: (c: CustomerClass) => number } {
  const profitKnown = classes.some(c => c.summary.profitFen !== null)
    && classes.every(c => c.summary.yearFen === 0 || c.summary.profitFen !== null)
  return profitKnown
    ? { label: '利润', of: c => Math.max(0, c.summary.profitFen ?? 0) }
    : { label: '消费额', of: c => c.summary.yearFen }
}

/** How many customers make the top 20 %, and their share of the contribution (the 80/20 rule). */
export function topShare(classes: readonly CustomerClass[]): { count: number, share: number } {
  const { of } = contribution(classes)
  const values = classes.map(of).sort((a, b) => b - a)
  const count = Math.max(1, Math.round(values.length * 0.2))
  const total = values.reduce((s, v) => s + v, 0)
  if (total <= 0) return { count, share: 0 }
  return { count, share: values.slice(0, count).reduce((s, v) => s + v, 0) / total }
}

export function overviewText(ctx: MessageContext): string {
  const visible = visibleClasses(ctx)
  const { classification } = ctx.classified()
  const title = ctx.role === 'admin' ? '📊 全部客户概览' : `📊 ${ctx.agent?.name ?? ''}的客户概览`
  if (visible.length === 0) return `${title}\n还没有客户。报单后这里就会有数据。`
  const classes = visible.map(v => v.c)
  const lines = [`${title}（截至 ${classification.asOf}，共 ${visible.length} 位客户）`]
  for (const g of GROUP_ORDER) {
    const inGroup = classes.filter(c => c.group === g)
    lines.push(`${GROUP_NAMES[g]} ${inGroup.length} 人 · 近一年 ${formatFen(inGroup.reduce((s, c) => s + c.summary.yearFen, 0))}`)
  }
  const tierLine = TIERS.map((t) => {
    const inTier = classes.filter(c => c.tier === t)
    return `${t} ${inTier.length}人 ${formatYuanShort(inTier.reduce((s, c) => s + c.summary.yearFen, 0))}`
  })
  lines.push(`价值分层（近一年）：${tierLine.join(' · ')}`)
  const top = topShare(classes)
  lines.push(`前20%的客户（${top.count}位）贡献了近一年 ${Math.round(top.share * 100)}% 的${contribution(classes).label}`)
  lines.push(changesLine(ctx, new Set(classes.map(c => c.customerId))))
  const best = [...visible].sort((a, b) => b.c.summary.yearFen - a.c.summary.yearFen).slice(0, 5)
  lines.push('近一年消费前5：')
  best.forEach((v, i) => lines.push(`${i + 1}. ${v.customer.name}${agentSuffix(ctx, v.customer)} ${formatFen(v.c.summary.yearFen)} · ${GROUP_NAMES[v.c.group]}`))
  const note = methodNote(ctx)
  if (note) lines.push(note)
  return lines.join('\n')
}

/** Who changed group at the last nightly run, among the customers in view. */
function changesLine(ctx: MessageContext, ids: ReadonlySet<string>): string {
  const last = ctx.deps.store.snapshots.all().at(-1)
  if (!last) return '变化：还没有夜间分组记录（每晚自动分组后可对比）'
  const moved = ctx.deps.store.transitions.on(last.asOf).filter(t => ids.has(t.customerId) && t.from !== null)
  const count = (g: Group): number => moved.filter(t => t.to === g).length
  const parts = GROUP_ORDER.map(g => count(g) > 0 ? `新增${GROUP_NAMES[g]} ${count(g)} 人` : null).filter(Boolean)
  return `变化（${last.asOf.slice(5)} 夜间分组）：${parts.length > 0 ? parts.join('，') : '没有客户换组'}`
}

