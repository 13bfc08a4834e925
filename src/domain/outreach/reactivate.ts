/**
 * The `reactivate` plan (DESIGN.md §7): a message to each dormant customer who is a linked contact and
 * has not opted out, at most once per `minDays`, never the same template twice in a row. Pure.
 */
import { dayNumber } from '../calendar.js'
import { fillTemplate } from './nudge.js'
import { dedupeKey, type OutboundMessage } from './outbound.js'

export interface ReactivateCandidate {
  customerId: string
  name: string
  /** The linked contact; null: not reachable. */
  contactId: string | null
  optedOut: boolean
  lastProduct: string
  daysSince: number
  /** Place in the merchant's value order (0 = most valuable; see segment/value-order.ts). */
  valueRank: number
  /** Reactivation messages planned for this customer before (any outcome), and the local date of the last. */
  previous: number
  lastOn: string | null
}

export interface ReactivateInput {
  today: string
  candidates: readonly ReactivateCandidate[]
  /** With `{name}`, `{product}`, `{days}`; used in turn, so two in a row always differ when there are two or more. */
  templates: readonly string[]
  minDays: number
  /** At most this many per run (the day's cap), most valuable first. */
  max: number
  /** Spread the messages evenly over [fromMs, untilMs) (epoch ms); all at once without it. */
  spread?: { fromMs: number, untilMs: number }
}

/** The default reactivation templates (config `templates.reactivation`). */
export const DEFAULT_REACTIVATION_TEMPLATES = [
  '{name}您好，好久不见！上次您买的{product}用得怎么样？最近到了新货，老客有专属优惠，需要的话回我一声～',
  '{name}，最近还好吗？距离上次买{product}已经{days}天了，这周老客回购有小礼物，给您留着呢。',
  '{name}您好，想起您之前挺喜欢{product}的，最近有活动价，需要帮您留一份吗？',
] as const

/** Whether a candidate may get a message today. */
export function mayReactivate(c: ReactivateCandidate, today: string, minDays: number): boolean {
  if (c.contactId === null || c.optedOut) return false
  return c.lastOn === null || dayNumber(today) - dayNumber(c.lastOn) >= minDays
}

/** One message per eligible customer, up to `max`, each with the next template in turn. */
export function planReactivation(input: ReactivateInput): OutboundMessage[] {
  if (input.templates.length === 0) return []
  return input.candidates
    .filter(c => mayReactivate(c, input.today, input.minDays))
    .sort((a, b) => a.valueRank - b.valueRank || a.customerId.localeCompare(b.customerId))
    .slice(0, input.max)
    .map((c, i, all) => ({
      kind: 'reactivation' as const,
      to: { contactId: c.contactId! },
      text: fillTemplate(input.templates[c.previous % input.templates.length]!, { name: c.name, product: c.lastProduct, days: String(c.daysSince) }),
      dedupeKey: dedupeKey('reactivate', c.customerId, input.today),
      customerId: c.customerId,
      ...(input.spread ? { notBefore: new Date(spreadAt(input.spread, i, all.length)).toISOString() } : {}),
    }))
}

/** The `i`th of `n` instants evenly spread over the window, the first at its start. */
export function spreadAt(window: { fromMs: number, untilMs: number }, i: number, n: number): number {
  const span = Math.max(0, window.untilMs - window.fromMs)
  return window.fromMs + Math.floor((span * i) / Math.max(1, n))
}
