/** The tunable thresholds of classification, with their defaults (ANALYTICS.md §8, tuned by `npm run eval:dormancy`). */

export interface ClassifyPolicy {
  /** Spend-trend window W in days. */
  window: number
  /** Horizon H in days for expected purchases. */
  horizon: number
  /** Customers whose first order is at most this many days old are new. */
  newDays: number
  dormant: {
    /** x ≥ 1 and P(alive) below this ⇒ dormant. */
    pAlive: number
    /** x ≥ 1, silence more than this many personal gaps, and at least `minSilenceDays` ⇒ dormant. */
    silenceRatio: number
    minSilenceDays: number
    /** The silence rule applies only while the model's P(alive) is below this (1 = always). */
    silenceMaxPAlive: number
    /** One-order customers: dormant after the merchant's 90th percentile first→second gap, or this many days when unknown. */
    oneOrderDays: number
    /** Expected purchases in the horizon below this ⇒ dormant (repeat customers past `newDays` only). */
    minExpected: number
  }
  fast: { pAlive: number, growth: number }
  loyal: { pAlive: number, minFScore: number }
  atRisk: { low: number, high: number }
  /** κ: how many pseudo-gaps of the merchant's median pull a customer's cadence toward it. */
  cadenceShrink: number
  tiers: {
    weights: { spend: number, profit: number, credit: number, prospects: number }
    /** Shares of customers in A, B, C (the rest are D). */
    shares: [number, number, number]
    /** Below this many customers, tiers use absolute 12-month spend thresholds instead of shares. */
    absoluteBelow: number
    /** 12-month spend (fen) at or above which a customer is A, B, C. */
    absoluteFen: [number, number, number]
  }
  /** Days of credit an unpaid order gets when it has no due date. */
  creditDays: number
}

export const DEFAULT_POLICY: ClassifyPolicy = {
  window: 90,
  horizon: 90,
  newDays: 30,
  // Chosen by `npm run eval:dormancy -- --tune` (best worst-case F1 against the oracle over 4 simulated
  // merchant types × 4 sizes × 2 seeds); ANALYTICS.md §8 starts from 0.30 / 3 / 60 days.
  dormant: { pAlive: 0.5, silenceRatio: 2, minSilenceDays: 45, silenceMaxPAlive: 0.8, oneOrderDays: 90, minExpected: 0.05 },
  fast: { pAlive: 0.7, growth: 1.5 },
  loyal: { pAlive: 0.7, minFScore: 4 },
  // Just above the dormant line and below the loyal one: still here, but slipping.
  atRisk: { low: 0.5, high: 0.7 },
  cadenceShrink: 2,
  tiers: {
    weights: { spend: 0.4, profit: 0.2, credit: 0.1, prospects: 0.3 },
    shares: [0.2, 0.3, 0.3],
    absoluteBelow: 50,
    absoluteFen: [500_000, 200_000, 50_000],
  },
  creditDays: 30,
}
