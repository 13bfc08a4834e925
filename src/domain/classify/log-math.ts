/** Numerically stable helpers shared by the customer-base models (ANALYTICS.md §9: work in logs). */

/** Logistic σ(u) = 1/(1+e^{−u}), never overflowing. */
export function logistic(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u))
  const e = Math.exp(u)
  return e / (1 + e)
}
