/**
 * Who brought whom: a customer's 介绍人 is another customer. A referrer's worth is the customers they
 * brought and what those customers spent; the first one who ordered earns the referrer a perk.
 */

export interface Referable {
  id: string
  referredBy?: string
}

/** Whether making `referrerId` the referrer of `customerId` would close a circle (A brought B brought A). */
export function wouldCircle(byId: (id: string) => Referable | undefined, customerId: string, referrerId: string): boolean {
  const seen = new Set<string>()
  for (let at: string | undefined = referrerId; at !== undefined; at = byId(at)?.referredBy) {
    if (at === customerId) return true
    if (seen.has(at)) return false
    seen.add(at)
  }
  return false
}

export interface ReferrerStats {
  referrerId: string
  /** Customers they brought. */
  brought: number
  /** Of those, the ones with an order that stood. */
  ordered: number
  /** What the customers they brought spent, net of refunds (fen). */
  revenueFen: number
}

/** Every referrer among `customers`, with what the customers they brought spent (`spentFen` of each, 0 when none). */
export function referrerStats(customers: readonly Referable[], spentFen: (customerId: string) => number | undefined): Map<string, ReferrerStats> {
  const out = new Map<string, ReferrerStats>()
  for (const c of customers) {
    if (c.referredBy === undefined) continue
    let s = out.get(c.referredBy)
    if (!s) out.set(c.referredBy, s = { referrerId: c.referredBy, brought: 0, ordered: 0, revenueFen: 0 })
    s.brought++
    const spent = spentFen(c.id)
    if (spent !== undefined) {
      s.ordered++
      s.revenueFen += spent
    }
  }
  return out
}

/** Best referrers first: more revenue brought, then more customers who ordered, then more brought. */
export function compareReferrers(a: ReferrerStats, b: ReferrerStats): number {
  return b.revenueFen - a.revenueFen || b.ordered - a.ordered || b.brought - a.brought || a.referrerId.localeCompare(b.referrerId)
}
