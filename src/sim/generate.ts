/**
 * Synthetic customers from the BG/NBD (+ Gamma-Gamma) generative process of ANALYTICS.md §6, seeded and
 * deterministic (Mersenne Twister), for parameter-recovery tests and end-to-end data.
 */

import betaFactory from '@stdlib/random-base-beta'
import exponentialFactory from '@stdlib/random-base-exponential'
import gammaFactory from '@stdlib/random-base-gamma'
import mt19937 from '@stdlib/random-base-mt19937'
import type { BgnbdParams } from '../domain/classify/bgnbd.js'
import type { GammaGammaParams } from '../domain/classify/gamma-gamma.js'

/** Inputs of {@link simulateBgnbd}; maxT and horizon are in the unit of params.alpha. */
export interface SimulateOptions {
  n: number
  params: BgnbdParams
  /** When given, each purchase amount ~ Gamma(p, ν_i) with ν_i ~ Gamma(q, γ); otherwise amounts are 0. */
  spend?: GammaGammaParams
  /** Customer ages T_i ~ U(1, maxT). */
  maxT: number
  /** Holdout length H after T_i. */
  horizon: number
  seed: number
}

/** One simulated purchase: time since the first purchase and its amount. */
export interface SimPurchase { t: number, amount: number }

/** One simulated customer: calibration summary, truth at T, holdout count and every purchase up to T + H. */
export interface SimCustomer {
  x: number
  tx: number
  T: number
  /** Truth label: the customer has not died at or before T. */
  alive: boolean
  /** Repeat purchases in (T, T + H]. */
  holdout: number
  /** All purchases in [0, T + H], including the first one at t = 0 (not counted in x). */
  purchases: SimPurchase[]
  /** The customer's latent rate λ_i and dropout probability p_i. */
  lambda: number
  dropout: number
}

const UINT32_RANGE = 4_294_967_296

/**
 * Draws n customers following ANALYTICS.md §6: T ~ U(1, maxT), λ ~ Gamma(r, rate α), p ~ Beta(a, b);
 * from t = 0, exponential gaps with rate λ until t > T + H, counting t ≤ T in x, dying with probability p
 * after each repeat purchase.
 */
export function simulateBgnbd(options: SimulateOptions): SimCustomer[] {
  const { n, params, spend, maxT, horizon } = options
  const words = mt19937.factory({ seed: options.seed })
  // Uniform on (0, 1), never 0 or 1, from one 32-bit word; every draw below comes from this one stream.
  const uniform = (): number => (words() + 0.5) / UINT32_RANGE
  const gamma = gammaFactory.factory({ prng: uniform })
  const beta = betaFactory.factory({ prng: uniform })
  const exponential = exponentialFactory.factory({ prng: uniform })

  const customers: SimCustomer[] = []
  for (let i = 0; i < n; i++) {
    const T = 1 + (maxT - 1) * uniform()
    const lambda = gamma(params.r, params.alpha)
    const dropout = beta(params.a, params.b)
    const nu = spend === undefined ? 0 : gamma(spend.q, spend.gamma)
    const amount = (): number => (spend === undefined ? 0 : gamma(spend.p, nu))
    const purchases: SimPurchase[] = [{ t: 0, amount: amount() }]
    let x = 0
    let tx = 0
    let holdout = 0
    let alive = true
    let t = 0
    while (lambda > 0) {
      t += exponential(lambda)
      if (!(t <= T + horizon)) break
      if (t <= T) {
        x += 1
        tx = t
      } else {
        holdout += 1
      }
      purchases.push({ t, amount: amount() })
      if (uniform() < dropout) {
        if (t <= T) alive = false
        break
      }
    }
    customers.push({ x, tx, T, alive, holdout, purchases, lambda, dropout })
  }
  return customers
}

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parseIsoDate(date: string): number {
  const m = ISO_DATE.exec(date)
  if (m === null) throw new RangeError(`expected YYYY-MM-DD, got ${date}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS
}

function formatIsoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)
}

/** Calendar date `days` days after `date` (both YYYY-MM-DD, proleptic Gregorian, no time zone). */
export function addDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days)
}

/** First-purchase date for a customer of (continuous) age T days as of `asOf`: asOf − floor(T) days. */
export function firstDateFor(asOf: string, T: number): string {
  return addDays(asOf, -Math.floor(T))
}

/** A day-level order derived from a simulated purchase. */
export interface SimOrder { date: string, amount: number }

/**
 * Day-level orders of a simulated customer whose time unit is days: each purchase is placed floor(t) days
 * after `firstDate` (ANALYTICS.md §6.5). Same-day purchases stay separate orders; §1 merges them later.
 * With firstDate = firstDateFor(asOf, T), a holdout purchase in (T, floor(T)+1) lands on the as-of day itself.
 */
export function toDayOrders(customer: SimCustomer, firstDate: string): SimOrder[] {
  const start = parseIsoDate(firstDate)
  return customer.purchases.map(p => ({ date: formatIsoDate(start + Math.floor(p.t)), amount: p.amount }))
}
