/** 概览: the merchant's (or an agent's) customer base on one phone screen. */
import { formatYuanShort } from '../../domain/charts/format.js'
import { provinceCounts } from '../../domain/customer/region.js'
import { formatFen } from '../../domain/money.js'
import { GROUP_NAMES, type Group } from '../../domain/segment/groups.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { productsWithoutCost } from '../ledger/catalogue.js'
import { profitNote, tierContributions, topTierLine } from './contribution.js'
import { funnelLines } from './funnel.js'
import { methodNote } from './profile.js'
import { agentSuffix, visibleClasses } from './scope.js'

export const GROUP_ORDER: Group[] = ['loyal', 'fast_growing', 'nurture', 'dormant']

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
  const tiers = tierContributions(classes)
  lines.push(`价值分层（近一年利润）：${tiers.map(t => `${t.tier} ${t.customers}人 ${formatYuanShort(t.profitFen)}`).join(' · ')}`)
  lines.push(topTierLine(tiers))
  const note = profitNote(classification.margin, productsWithoutCost(ctx.deps.store, classification.asOf).length)
  if (note) lines.push(note)
  lines.push(changesLine(ctx, new Set(classes.map(c => c.customerId))))
  lines.push(...funnelLines(ctx))
  lines.push(regionLine(visible.map(v => v.customer.region)))
  const best = [...visible].sort((a, b) => b.c.summary.yearFen - a.c.summary.yearFen).slice(0, 5)
  lines.push('近一年消费前5：')
  best.forEach((v, i) => lines.push(`${i + 1}. ${v.customer.name}${agentSuffix(ctx, v.customer)} ${formatFen(v.c.summary.yearFen)} · ${GROUP_NAMES[v.c.group]}`))
  const method = methodNote(ctx)
  if (method) lines.push(method)
  return lines.join('\n')
}

/** `地区：广东 35 · 浙江 20 · … · 其他 30 · 地址未知 100`: where the customers in view are, from their addresses. */
function regionLine(regions: readonly (Customer['region'])[]): string {
  const { counts, unknown } = provinceCounts(regions)
  if (counts.length === 0) return `地区：还不知道（报单里写了地址的客户会按省份统计）`
  const top = counts.slice(0, 5).map(([p, n]) => `${p} ${n}`)
  const rest = counts.slice(5).reduce((s, [, n]) => s + n, 0)
  return `地区：${[...top, ...(rest > 0 ? [`其他 ${rest}`] : []), ...(unknown > 0 ? [`地址未知 ${unknown}`] : [])].join(' · ')}`
}

/** Who changed group at the last nightly run, among the customers in view. */
function changesLine(ctx: MessageContext, ids: ReadonlySet<string>): string {
  const last = ctx.deps.store.snapshots.latest()
  if (!last) return '变化：还没有夜间分组记录（每晚自动分组后可对比）'
  const moved = ctx.deps.store.transitions.on(last.asOf).filter(t => ids.has(t.customerId) && t.from !== null)
  const count = (g: Group): number => moved.filter(t => t.to === g).length
  const parts = GROUP_ORDER.map(g => count(g) > 0 ? `新增${GROUP_NAMES[g]} ${count(g)} 人` : null).filter(Boolean)
  return `变化（${last.asOf.slice(5)} 夜间分组）：${parts.length > 0 ? parts.join('，') : '没有客户换组'}`
}

