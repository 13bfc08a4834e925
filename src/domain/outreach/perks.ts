/**
 * The `perks` plan (DESIGN.md §7): milestones — the nth order, a yearly spend threshold, the first
 * order's anniversary, the first customer they brought who ordered — each earn one perk message, once
 * per customer and milestone. Pure.
 */
import { dayNumber } from '../calendar.js'
import { fillTemplate } from './nudge.js'
import { dedupeKey, type OutboundMessage } from './outbound.js'

/** The milestones that earn a perk (config `perks.*`). */
export interface PerkRules {
  /** The order count that earns a perk (10: the 10th order). */
  nthOrder: number
  /** Spend within one calendar year that earns a perk, in fen. */
  yearlySpendFen: number
  /** Whether the first order's anniversary earns a perk (within 7 days after it). */
  anniversary: boolean
  /** Whether the first customer they brought who ordered earns the referrer a perk. */
  referral: boolean
}

/** A customer with what the milestones need. */
export interface PerkCandidate {
  customerId: string
  name: string
  /** Linked contact, null when not reachable directly. */
  contactId: string | null
  optedOut: boolean
  /** Who delivers it when the customer cannot be reached: their agent's contact (or an admin's). */
  deliverer: { contactId: string, name: string } | null
  /** Active orders: local date and amount net of refunds, in fen. */
  orders: readonly { placedOn: string, amountFen: number }[]
  /** Customers they brought (介绍人) who have an order that stood. */
  referralsOrdered: number
}

/** One milestone reached. */
export interface Milestone {
  /** Stable id in the dedupe key: `order10`, `spend2026`, `anniversary2026`. */
  id: string
  /** In the customer's words: `这是您在我们这里的第 10 单`. */
  words: string
}

/** The default perk template (config `templates.perk`), with `{name}` and `{milestone}`. */
export const DEFAULT_PERK_TEMPLATE = '{name}您好！{milestone}，谢谢一直以来的支持～给您准备了一份老客专属福利，下次下单时报「老客福利」即可领取。'

/** The milestones a customer has reached as of `today`. */
export function milestonesOf(c: PerkCandidate, today: string, rules: PerkRules): Milestone[] {
  const out: Milestone[] = []
  if (c.orders.length >= rules.nthOrder) out.push({ id: `order${rules.nthOrder}`, words: `您已经在我们这里下了 ${rules.nthOrder} 单` })
  const year = today.slice(0, 4)
  const spent = c.orders.filter(o => o.placedOn.startsWith(year) && o.placedOn <= today).reduce((s, o) => s + o.amountFen, 0)
  if (spent >= rules.yearlySpendFen) out.push({ id: `spend${year}`, words: `今年您在我们这里已消费满 ${rules.yearlySpendFen / 100} 元` })
  const first = c.orders.reduce<string | null>((m, o) => m === null || o.placedOn < m ? o.placedOn : m, null)
  if (rules.anniversary && first !== null && first.slice(0, 4) < year) {
    const since = dayNumber(today) - dayNumber(`${year}${first.slice(4)}`)
    if (since >= 0 && since < 7) out.push({ id: `anniversary${year}`, words: `到今天您第一次在我们这里下单已经满 ${Number(year) - Number(first.slice(0, 4))} 年了` })
  }
  if (rules.referral && c.referralsOrdered > 0) out.push({ id: 'referral1', words: '您介绍的朋友已经在我们这里下单了' })
  return out
}

/** One message per reached milestone: to the customer when reachable, else to the deliverer to pass on. */
export function planPerks(input: { today: string, candidates: readonly PerkCandidate[], rules: PerkRules, template: string }): { messages: OutboundMessage[], unreachable: number } {
  const messages: OutboundMessage[] = []
  let unreachable = 0
  for (const c of input.candidates) {
    // 退订 stops every marketing message, also the ones an agent would pass on.
    if (c.optedOut) continue
    for (const m of milestonesOf(c, input.today, input.rules)) {
      const text = fillTemplate(input.template, { name: c.name, milestone: m.words })
      const key = dedupeKey('perk', c.customerId, m.id)
      if (c.contactId !== null) messages.push({ kind: 'perk', to: { contactId: c.contactId }, text, dedupeKey: key, customerId: c.customerId })
      else if (c.deliverer) messages.push({ kind: 'perk', to: { contactId: c.deliverer.contactId }, text: `客户 ${c.name} 达成了会员福利，机器人联系不到本人，请您转达：\n${text}`, dedupeKey: key, customerId: c.customerId })
      else unreachable++
    }
  }
  return { messages, unreachable }
}
