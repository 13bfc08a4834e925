/**
 * The customer funnel 潜在 → 新 → 老 → 忠诚 and how many moved one step in a month: of those who could
 * take the step during the month (at the earlier stage when it began, or reaching it during it), the
 * share who did. Pure: each person's days in, counts out.
 */

/** What the funnel needs of one customer; days are local `YYYY-MM-DD`, null when it never happened. */
export interface FunnelPerson {
  /** First contact as a prospect (意向); null for a customer who came with an order. */
  prospectSince: string | null
  /** Days of the orders that stood, oldest first. */
  orderDays: readonly string[]
  /** The day they became 忠诚型; `before` when they already were before the months looked at. */
  loyalSince: string | 'before' | null
}

export interface Step {
  /** Could take the step during the month. */
  base: number
  /** Took it. */
  moved: number
}

export interface FunnelMonth { toNew: Step, toReturning: Step, toLoyal: Step }

const within = (day: string | undefined | null, start: string, end: string): boolean => day !== undefined && day !== null && day >= start && day <= end

/** The three steps in the month `start`..`end` (inclusive days). */
export function funnelMonth(people: readonly FunnelPerson[], start: string, end: string): FunnelMonth {
  const out: FunnelMonth = { toNew: { base: 0, moved: 0 }, toReturning: { base: 0, moved: 0 }, toLoyal: { base: 0, moved: 0 } }
  for (const p of people) {
    const first = p.orderDays[0]
    const second = p.orderDays[1]
    // 潜在 → 新: a prospect by the end of the month whose first order, if any, did not come before it.
    if (p.prospectSince !== null && p.prospectSince <= end && (first === undefined || first >= start)) {
      out.toNew.base++
      if (within(first, start, end)) out.toNew.moved++
    }
    // 新 → 老: one order by the end of the month and no second before it.
    if (first !== undefined && first <= end && (second === undefined || second >= start)) {
      out.toReturning.base++
      if (within(second, start, end)) out.toReturning.moved++
    }
    // 老 → 忠诚: two orders by the end of the month, not yet loyal when it began.
    if (second !== undefined && second <= end && p.loyalSince !== 'before' && (p.loyalSince === null || p.loyalSince >= start)) {
      out.toLoyal.base++
      if (within(p.loyalSince, start, end)) out.toLoyal.moved++
    }
  }
  return out
}
