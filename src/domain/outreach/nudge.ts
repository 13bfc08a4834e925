/**
 * The `nudge` plan (DESIGN.md §7): each morning, each agent gets one message listing their customers
 * who just became dormant or need follow-up, each with a ready-to-forward line. Pure: plain data in.
 */
import type { LeadGrade } from '../customer/prospect.js'
import { dedupeKey, type OutboundMessage } from './outbound.js'

/** Why a customer is on an agent's list today. */
export type NudgeReason = 'dormant' | 'atRisk'

export interface NudgeAgent {
  id: string
  name: string
  contactId: string
}

export interface NudgeCustomer {
  customerId: string
  agentId: string
  name: string
  /** Name of the main product of the last order. */
  lastProduct: string
  daysSince: number
  reason: NudgeReason
  /** The customer's lifecycle stage in words (老客户), shown beside a follow-up reason. */
  stage: string
  optedOut: boolean
}

/** A prospect (意向客户) of an agent not heard from or followed up for a while. */
export interface NudgeProspect {
  agentId: string
  name: string
  grade: LeadGrade
  /** Days since the prospect wrote or was last followed up. */
  daysSilent: number
  /** Why the grade, in words. */
  why: string
}

/** Prospects listed in one morning message at most. */
const MAX_PROSPECTS = 5

export interface NudgeInput {
  today: string
  agents: readonly NudgeAgent[]
  customers: readonly NudgeCustomer[]
  /** Prospects to follow up today (none when absent). */
  prospects?: readonly NudgeProspect[]
  /** The forwardable line, with `{name}`, `{product}`, `{days}`, `{reason}`. */
  template: string
  /** At most this many customers per message; the rest are counted. */
  maxPerAgent?: number
}

/** The default forwardable line (config `templates.nudge`). */
export const DEFAULT_NUDGE_TEMPLATE = '{name}您好！距离您上次买{product}已经{days}天了，{reason}。需要的话直接回我就好～'

/** The placeholders `templates.nudge` may use. */
export const NUDGE_PLACEHOLDERS = ['name', 'product', 'days', 'reason'] as const

/** A reason to come back, by why the customer is listed. */
export const COME_BACK: Record<NudgeReason, string> = {
  dormant: '好久没联系了，老客回购这周有专属优惠，给您留了一份',
  atRisk: '按您平时的用量应该快用完了，我先帮您留一份新货',
}

const LABEL: Record<NudgeReason, string> = { dormant: '刚转入睡眠', atRisk: '需要跟进' }

/** Fills `{key}` placeholders; unknown ones stay as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}

/** One message per active agent with at least one listed, not opted-out customer. */
export function planNudges(input: NudgeInput): OutboundMessage[] {
  const max = input.maxPerAgent ?? 20
  const messages: OutboundMessage[] = []
  for (const agent of input.agents) {
    const mine = input.customers
      .filter(c => c.agentId === agent.id && !c.optedOut)
      .sort((a, b) => (a.reason === b.reason ? b.daysSince - a.daysSince : a.reason === 'dormant' ? -1 : 1) || a.name.localeCompare(b.name, 'zh'))
    const leads = (input.prospects ?? []).filter(p => p.agentId === agent.id)
      .sort((a, b) => a.grade.localeCompare(b.grade) || b.daysSilent - a.daysSilent || a.name.localeCompare(b.name, 'zh'))
    if (mine.length === 0 && leads.length === 0) continue
    const lines = mine.length > 0 ? [`☀️ ${agent.name}，今天有 ${mine.length} 位客户值得联系，下面的话可以直接转发给客户：`] : [`☀️ ${agent.name}，今天有意向客户该跟进了：`]
    mine.slice(0, max).forEach((c, i) => {
      // A customer who just became dormant is 沉睡 by definition; for the others the stage says who they are.
      const label = c.reason === 'dormant' ? LABEL.dormant : `${c.stage}·${LABEL[c.reason]}`
      lines.push(`${i + 1}. ${c.name}（${label}，${c.daysSince}天没下单，上次买${c.lastProduct}）`)
      lines.push(`“${fillTemplate(input.template, { name: c.name, product: c.lastProduct, days: String(c.daysSince), reason: COME_BACK[c.reason] })}”`)
    })
    if (mine.length > max) lines.push(`另有 ${mine.length - max} 位，发“睡眠客户”查看全部。`)
    if (leads.length > 0) {
      if (mine.length > 0) lines.push(`意向客户该跟进了（${leads.length} 位）：`)
      for (const p of leads.slice(0, MAX_PROSPECTS)) lines.push(`· ${p.name}（${p.grade}级，${p.daysSilent}天没联系；${p.why}）`)
      lines.push(leads.length > MAX_PROSPECTS ? `另有 ${leads.length - MAX_PROSPECTS} 位，发“意向客户”查看全部；跟进后发“跟进 <名字> <说明>”记下。` : '跟进后发“跟进 <名字> <说明>”记下。')
    }
    messages.push({ kind: 'nudge', to: { contactId: agent.contactId }, text: lines.join('\n'), dedupeKey: dedupeKey('nudge', agent.id, input.today) })
  }
  return messages
}
