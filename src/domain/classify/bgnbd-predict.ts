/**
 * BG/NBD per-customer quantities (FHL 2005 eqs. 7–11; ANALYTICS.md §3–§4): P(alive), conditional and
 * unconditional expected purchases (Euler-transformed ₂F₁), and P(X(t) = n).
 */

import betaln from '@stdlib/math-base-special-betaln'
import gammaln from '@stdlib/math-base-special-gammaln'
import type { BgnbdParams, Rft } from './bgnbd-types.js'
import { hyp2f1MinusOne, lnHyp2f1Positive } from './hyp2f1.js'
import { logistic } from './log-math.js'

/** Within this distance of a = 1 the 0/0 in 1/(a−1)·[…] is resolved by averaging a = 1 ± 1e−5 (§4). */
const A_NEAR_ONE = 1e-6
const A_OFFSET = 1e-5
/** Term budget of the last-resort ₂F₁ series for extremely long horizons. */
const LONG_SERIES_TERMS = 1_000_000

/** Δ = ln a − ln(b+x−1) + (r+x)·ln((α+T)/(α+t_x)), so that P(alive) = σ(−Δ) (§3). Requires x ≥ 1. */
function aliveLogOdds(params: BgnbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx))
}

/** P(alive at T | x, t_x, T) = 1/(1 + a/(b+x−1)·((α+T)/(α+t_x))^{r+x}) as a stable logistic; 1 for x = 0 (FHL 2005 eq. 13; §3). */
export function pAlive(params: BgnbdParams, c: Rft): number {
  return pAliveAt(params, c.x, c.tx, c.T)
}

/** {@link pAlive} on plain numbers. */
export function pAliveAt(params: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1
  return logistic(-aliveLogOdds(params, x, tx, T))
}

/**
 * (c/(a−1))·[1 − ((α+T)/(α+T+t))^{r+x}·₂F₁(r+x, b+x; c; z)], c = a+b+x−1, z = t/(α+T+t) (FHL 2005 eq. 10).
 * First the Euler form of §4, (1−z)^{a−1}·₂F₁(a+b−1−r, a−1; c; z), as −expm1((a−1)·log1p(−z) + log1p(₂F₁−1)).
 * When a is huge (degenerate fits) that series needs ~a·z terms; then the direct form is summed on log scale.
 */
function seriesExpectation(r: number, alpha: number, a: number, b: number, x: number, T: number, t: number): number {
  const c = a + b + x - 1
  const z = t / (alpha + T + t)
  const lnOneMinusZ = Math.log1p(-z)
  const fm1 = hyp2f1MinusOne(a + b - 1 - r, a - 1, c, z)
  let bracket: number
  if (fm1 > -1) bracket = -Math.expm1((a - 1) * lnOneMinusZ + Math.log1p(fm1))
  else if (Number.isFinite(fm1)) bracket = 1 - Math.exp((a - 1) * lnOneMinusZ) * (1 + fm1)
  else bracket = -Math.expm1((r + x) * lnOneMinusZ + lnHyp2f1Positive(r + x, b + x, c, z))
  if (Number.isNaN(bracket)) {
    // Only for horizons far beyond 10⁴·(α+T), where z → 1 and both series converge slowly.
    const slow = hyp2f1MinusOne(a + b - 1 - r, a - 1, c, z, LONG_SERIES_TERMS)
    bracket = -Math.expm1((a - 1) * lnOneMinusZ + Math.log1p(slow))
  }
  return (c / (a - 1)) * bracket
}

/**
 * E[Y(t) | alive, x, T]: expected repeat purchases in (T, T+t] of a customer still alive, i.e. E[Y(t) | x, t_x, T]
 * divided by P(alive). It does not depend on t_x. The a ≈ 1 limit and the rare pole at c ∈ {0, −1, …} are
 * handled by symmetric averaging.
 */
export function aliveExpectation(params: BgnbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params
  if (Math.abs(a - 1) < A_NEAR_ONE) {
    return 0.5 * (seriesExpectation(r, alpha, 1 + A_OFFSET, b, x, T, t) + seriesExpectation(r, alpha, 1 - A_OFFSET, b, x, T, t))
  }
  const value = seriesExpectation(r, alpha, a, b, x, T, t)
  if (Number.isFinite(value)) return value
  const h = 1e-7 * Math.max(1, b)
  return 0.5 * (seriesExpectation(r, alpha, a, b + h, x, T, t) + seriesExpectation(r, alpha, a, b - h, x, T, t))
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T+t] (FHL 2005 eq. 10, Euler form of §4). */
export function expectedPurchases(params: BgnbdParams, c: Rft, t: number): number {
  if (!(t > 0)) return 0
  return pAlive(params, c) * aliveExpectation(params, c.x, c.T, t)
}

/** E[X(t)] for a new customer over (0, t] (FHL 2005 eq. 9): the conditional form with x = 0, T = 0. */
export function expectedPurchasesNew(params: BgnbdParams, t: number): number {
  if (!(t > 0)) return 0
  return aliveExpectation(params, 0, 0, t)
}

/** ln of the NBD probability Γ(r+j)/(Γ(r) j!)·(α/(α+t))^r·(t/(α+t))^j. */
function lnNbd(r: number, lnP0: number, lnQ: number, j: number): number {
  return gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lnP0 + (j === 0 ? 0 : j * lnQ)
}

/**
 * P(X(t) = n) for a new customer (FHL 2005 eq. 8):
 * B(a,b+n)/B(a,b)·NB(n) + 1[n>0]·B(a+1,b+n−1)/B(a,b)·[1 − Σ_{j<n} NB(j)], NB the NBD(r, α/(α+t)) pmf.
 */
export function probPurchases(params: BgnbdParams, t: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) return 0
  if (!(t > 0)) return n === 0 ? 1 : 0
  const { r, alpha, a, b } = params
  const lnP0 = Math.log(alpha / (alpha + t))
  const lnQ = Math.log(t / (alpha + t))
  const lnBab = betaln(a, b)
  const alive = Math.exp(betaln(a, b + n) - lnBab + lnNbd(r, lnP0, lnQ, n))
  if (n === 0) return alive
  let head = 0
  for (let j = 0; j < n; j++) head += Math.exp(lnNbd(r, lnP0, lnQ, j))
  const dead = Math.exp(betaln(a + 1, b + n - 1) - lnBab) * Math.max(0, 1 - head)
  return alive + dead
}
