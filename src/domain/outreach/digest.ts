/**
 * The `digest` plan (DESIGN.md §7): each morning, each admin gets one summary — who just became dormant
 * or fast-growing, today's follow-ups, yesterday's orders — with the pyramid chart when one can be drawn.
 */
import { formatFen } from '../money.js'
import { dedupeKey, type OutboundMessage } from './outbound.js'

export interface DigestFacts {
  today: string
  /** Names of customers who moved into each group at the last reclassify. */
  newDormant: readonly string[]
  newGrowing: readonly string[]
  /** Customers to follow up today, most valuable first. */
  atRisk: { count: number, top: readonly string[] }
  yesterday: { date: string, orders: number, revenueFen: number }
}

export interface DigestInput {
  facts: DigestFacts
  /** Contact ids of the admins, each once. */
  admins: readonly string[]
  /** Attach the pyramid chart (a renderer is available at send time). */
  chart: boolean
}

/** At most this many names per line; the rest are counted. */
const NAMES = 5

function names(list: readonly string[], total = list.length): string {
  if (total === 0) return '无'
  const shown = list.slice(0, NAMES).join('、')
  return total > NAMES ? `${total} 位：${shown} 等` : `${total} 位：${shown}`
}

/** The digest text, the same for every admin. */
export function digestText(f: DigestFacts): string {
  return [
    `📋 每日简报 ${f.today}`,
    `昨天（${f.yesterday.date}）：${f.yesterday.orders} 单，收入 ${formatFen(f.yesterday.revenueFen)}`,
    `新转入睡眠：${names(f.newDormant)}`,
    `新晋快速成长：${names(f.newGrowing)}`,
    `今天要跟进：${names(f.atRisk.top, f.atRisk.count)}`,
    '发“睡眠客户”“成长客户”看详情。',
  ].join('\n')
}

/** One message per admin per day. */
export function planDigest(input: DigestInput): OutboundMessage[] {
  const { facts } = input
  const text = digestText(facts)
  return [...new Set(input.admins)].map((contactId) => {
    const m: OutboundMessage = { kind: 'digest', to: { contactId }, text, dedupeKey: dedupeKey('digest', contactId, facts.today) }
    if (input.chart) m.file = { name: `客户金字塔-${facts.today}.png`, ref: `chart:pyramid:${facts.today}` }
    return m
  })
}
