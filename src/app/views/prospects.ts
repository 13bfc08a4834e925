/** Prospects as agents read them: 意向客户 by grade, and a prospect's lines in 客户. */
import { dayNumber } from '../../domain/calendar.js'
import { lastTouchDay, type LeadGrade } from '../../domain/customer/prospect.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { dayOfIn, gradeOf, isOpenProspect, productWords, type Graded } from '../prospects/grade.js'
import { PAGE_SIZE } from './page.js'
import { agentSuffix } from './scope.js'

/** What grading needs, for the speaker's message: the store, the config, the current classes and the catalogue's words. */
export function gradeDeps(ctx: MessageContext): Parameters<typeof gradeOf>[1] {
  return { store: ctx.deps.store, config: ctx.deps.config, classOf: id => ctx.classified().byCustomer.get(id), products: productWords(ctx.deps.store) }
}

/** The sender's open prospects, graded, best first (grade, then the one heard from most recently). */
export function gradedProspects(ctx: MessageContext): Graded[] {
  const deps = gradeDeps(ctx)
  const dayOf = dayOfIn(ctx.deps.config)
  return ctx.visible.all().filter(isOpenProspect).flatMap(c => gradeOf(c, deps, ctx.today) ?? [])
    .sort((a, b) => a.grade.localeCompare(b.grade) || lastTouchDay(b.customer.prospect!, dayOf).localeCompare(lastTouchDay(a.customer.prospect!, dayOf)) || a.customer.id.localeCompare(b.customer.id))
}

const daysAgo = (today: string, day: string): string => {
  const d = dayNumber(today) - dayNumber(day)
  return d <= 0 ? '今天联系过' : `${d}天前联系`
}

/** `（未分配）` after an admin's unassigned prospect; the agent's name for the others (admins only). */
function owner(ctx: MessageContext, c: Customer): string {
  return ctx.role === 'admin' && c.agentId === null ? '（未分配）' : agentSuffix(ctx, c)
}

export function prospectListText(ctx: MessageContext, grade: LeadGrade | null, page: number): string {
  const all = gradedProspects(ctx)
  const list = grade === null ? all : all.filter(g => g.grade === grade)
  const label = grade === null ? '意向客户' : `${grade}级意向客户`
  if (list.length === 0) return all.length === 0 ? '还没有意向客户。记一位：意向 刘姐 13811112222 朋友圈 问面膜怎么买' : `${label}：暂时没有（共 ${all.length} 位意向客户）。`
  const pages = Math.ceil(list.length / PAGE_SIZE)
  if (page > pages) return `${label}只有 ${pages} 页。`
  const counts = (['A', 'B', 'C'] as const).map(g => `${g} ${all.filter(x => x.grade === g).length}`).join(' · ')
  const lines = [`${label} ${list.length} 位（${counts}；A 级在前）`]
  list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach((g, i) => {
    const p = g.customer.prospect!
    lines.push(`${(page - 1) * PAGE_SIZE + i + 1}. ${g.customer.name}${owner(ctx, g.customer)} ${g.grade}级 · ${p.source} · ${daysAgo(ctx.today, lastTouchDay(p, dayOfIn(ctx.deps.config)))} · ${g.reasons.join('；')}`)
  })
  lines.push(page < pages ? `第${page}/${pages}页，发“意向客户${grade ? ` ${grade}` : ''} ${page + 1}”看下一页` : `第${page}/${pages}页`)
  return lines.join('\n')
}

/** A prospect's grade, source, what they asked and the follow-ups; once converted, how long it took. */
export function prospectLines(ctx: MessageContext, customer: Customer): string[] {
  const p = customer.prospect
  if (!p) return []
  const dayOf = dayOfIn(ctx.deps.config)
  const first = dayOf(p.firstContactAt)
  if (p.convertedOn !== undefined) {
    const days = dayNumber(p.convertedOn) - dayNumber(first)
    return [`意向转化：${first} 首次联系（${p.source}），${p.convertedOn} 首单，用了${days}天`]
  }
  const g = gradeOf(customer, gradeDeps(ctx), ctx.today)!
  const out = [`意向等级：${g.grade} · ${g.reasons.join('；')}`, `来源：${p.source} · 首次联系 ${first} · ${daysAgo(ctx.today, lastTouchDay(p, dayOf))}`]
  for (const i of p.inquiries.slice(-3)) out.push(`问过（${dayOf(i.at).slice(5)}）：${i.text}`)
  for (const f of p.followUps.slice(-2)) out.push(`跟进（${dayOf(f.at).slice(5)} ${f.by}）：${f.note}`)
  return out
}
