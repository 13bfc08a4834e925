/** 意向 / 跟进 / 意向客户: prospects an agent brings in, their follow-ups, and the list by lead grade. */
import { z } from 'zod'
import { PROSPECT_SOURCES, type ProspectInfo, type ProspectSource } from '../../domain/customer/prospect.js'
import type { Customer } from '../../domain/types.js'
import { agentNamed } from '../agents/roster.js'
import type { MessageContext } from '../context.js'
import { findVisible } from '../ledger/find-customer.js'
import { newCustomer } from '../ledger/record-order.js'
import { gradeOf, isOpenProspect } from '../prospects/grade.js'
import { defineCommand } from '../router/types.js'
import { gradeDeps, prospectListText } from '../views/prospects.js'

const USAGE = `意向 <名字> [电话] [来源] [说明]（来源：${PROSPECT_SOURCES.join('、')}）｜意向 分配 <名字> <代理>`
const FOLLOW_USAGE = '跟进 <名字> <说明>'
const LIST_USAGE = '意向客户 [A|B|C] [页码]'

/** Other words agents use for the sources. */
const SOURCE_WORDS: Record<string, ProspectSource> = {
  ...Object.fromEntries(PROSPECT_SOURCES.map(s => [s, s])),
  微信群: '群', 社群: '群', 介绍: '转介绍', 朋友介绍: '转介绍', 老客介绍: '转介绍', 推荐: '转介绍',
  二维码: '扫码', 展会上: '展会', 线下: '展会', 小红书: '搜索', 抖音: '搜索', 百度: '搜索', 其它: '其他',
}

const sourceOf = (word: string): ProspectSource | null => (Object.hasOwn(SOURCE_WORDS, word) ? SOURCE_WORDS[word]! : null)

const PHONE = /^1[3-9]\d{9}$/

/** Longest note kept from one message. */
const NOTE_LIMIT = 200
/** Longest prospect name (a name, not a sentence). */
const NAME_LIMIT = 20

export const prospectCommand = defineCommand({
  name: '意向',
  aliases: ['意向登记'],
  roles: ['admin', 'agent'],
  summary: '记下一位还没下单的意向客户（潜在客户）和他问了什么；管理员可把未分配的意向客户分给代理',
  usage: USAGE,
  privateInRooms: true,
  args: z.array(z.string()).min(1, `用法：${USAGE}`),
  async run(ctx, words: string[]) {
    if (words[0] === '分配') return assign(ctx, words.slice(1))
    return addProspect(ctx, words)
  },
})

function addProspect(ctx: MessageContext, words: string[]): string {
  const { store } = ctx.deps
  const [name, ...rest] = words
  let phone: string | null = null
  let source: ProspectSource | null = null
  const note: string[] = []
  for (const w of rest) {
    const digits = w.replace(/[\s-]/g, '')
    if (phone === null && note.length === 0 && PHONE.test(digits)) phone = digits
    else if (source === null && note.length === 0 && sourceOf(w)) source = sourceOf(w)
    else note.push(w)
  }
  if (!name || !/\p{L}/u.test(name) || [...name].length > NAME_LIMIT || PHONE.test(name) || sourceOf(name)) return `请先写意向客户的名字。用法：${USAGE}`
  const text = note.join(' ').slice(0, NOTE_LIMIT)
  const at = ctx.now.toISOString()
  const inquiry = text === '' ? [] : [{ at, text }]
  // The same person again: by phone, else an open prospect of this name the sender sees.
  const sameName = ctx.visible.named(name).filter(c => isOpenProspect(c) && (phone === null || c.phone === null || c.phone === phone))
  const known = (phone ? store.customers.byPhone(phone) : undefined) ?? (sameName.length === 1 ? sameName[0] : undefined)
  if (known) {
    if (!ctx.visible.has(known)) return '⚠️ 这个电话已登记在别的代理或商家名下，没有记录。请联系管理员核对。'
    if (!known.prospect || !isOpenProspect(known)) return `${known.name} 已经是客户了，发“客户 ${known.name}”查看。`
    const updated: Customer = { ...known, phone: known.phone ?? phone, prospect: { ...known.prospect, inquiries: [...known.prospect.inquiries, ...inquiry] } }
    store.customers.update(updated)
    return `✅ 已补充意向客户 ${known.name} 的信息。\n${gradeLine(ctx, updated)}`
  }
  const agentId = ctx.role === 'agent' ? ctx.visible.agentId : null
  const prospect: ProspectInfo = { source: source ?? '其他', firstContactAt: at, inquiries: inquiry, followUps: [] }
  const customer: Customer = { ...newCustomer(store, { name, phone, address: null, agentId, source: prospect.source }, at), prospect }
  store.customers.add(customer)
  const owner = agentId === null ? '\n还没有分给代理：发“意向 分配 <名字> <代理>”交给一位代理跟进。' : ''
  return `✅ 已记为意向客户：${name}${phone ? ` ${phone}` : ''}（来源：${prospect.source}）\n${gradeLine(ctx, customer)}${owner}`
}

/** `意向等级：B · 问到具体商品`. */
function gradeLine(ctx: MessageContext, customer: Customer): string {
  const g = gradeOf(customer, gradeDeps(ctx), ctx.today)
  return g ? `意向等级：${g.grade} · ${g.reasons.join('；')}` : ''
}

function assign(ctx: MessageContext, words: string[]): string {
  if (ctx.role !== 'admin') return '只有管理员可以分配意向客户。'
  if (words.length < 2) return `用法：意向 分配 <名字> <代理>`
  const agentName = words.at(-1)!
  const agent = agentNamed(ctx.deps.store, agentName)
  if (!agent?.active) return `找不到代理“${agentName}”。发“代理 列表”查看。`
  const found = findVisible(ctx, words.slice(0, -1))
  if (typeof found === 'string') return found
  if (!isOpenProspect(found)) return `${found.name} 不是还没下单的意向客户。要转交客户，发“代理 转移”。`
  ctx.deps.store.customers.update({ ...found, agentId: agent.id })
  return `✅ 已把意向客户 ${found.name} 分给 ${agent.name} 跟进。`
}

export const followUpCommand = defineCommand({
  name: '跟进',
  aliases: ['跟进记录'],
  roles: ['admin', 'agent'],
  summary: '记下对一位意向客户的跟进（太久没有跟进也没有联系，意向等级会降一级）',
  usage: FOLLOW_USAGE,
  privateInRooms: true,
  args: z.array(z.string()).min(2, `用法：${FOLLOW_USAGE}`),
  async run(ctx, [who, ...note]: string[]) {
    // `跟进 张三 8000 …`: a phone ending tells apart two of one name.
    const hint = note.length > 1 && /^\d{4}$/.test(note[0]!) ? note.shift()! : null
    const found = findVisible(ctx, hint ? [who!, hint] : [who!])
    if (typeof found === 'string') return found
    if (!found.prospect || !isOpenProspect(found)) return `${found.name} 不是还没下单的意向客户。客户的跟进请直接联系，或发“客户 ${found.name}”看建议。`
    const followUp = { at: ctx.now.toISOString(), by: ctx.msg.senderName, note: note.join(' ').slice(0, NOTE_LIMIT) }
    const updated = { ...found, prospect: { ...found.prospect, followUps: [...found.prospect.followUps, followUp] } }
    ctx.deps.store.customers.update(updated)
    return `✅ 已记下对 ${found.name} 的跟进。\n${gradeLine(ctx, updated)}`
  },
})

const listArgs = z.array(z.string()).max(2, `用法：${LIST_USAGE}`).transform((words) => {
  const grade = words.find(w => /^[ABCabc]$/.test(w))?.toUpperCase() as 'A' | 'B' | 'C' | undefined
  const page = words.find(w => /^\d+$/.test(w))
  const other = words.filter(w => !/^[ABCabc]$/.test(w) && !/^\d+$/.test(w))
  return { grade: grade ?? null, page: page === undefined ? 1 : Number(page), other }
}).pipe(z.object({ grade: z.enum(['A', 'B', 'C']).nullable(), page: z.number().int().min(1).max(1000), other: z.array(z.string()).max(0, `用法：${LIST_USAGE}`) }))

export const prospectListCommand = defineCommand({
  name: '意向客户',
  aliases: ['潜在客户'],
  roles: ['admin', 'agent'],
  summary: '列出还没下单的意向客户，A 级在前，附等级理由',
  usage: LIST_USAGE,
  privateInRooms: true,
  args: listArgs,
  run: async (ctx, a: { grade: 'A' | 'B' | 'C' | null, page: number }) => prospectListText(ctx, a.grade, a.page),
})
