/**
 * Independent oracle for BG/NBD quantities: brute-force 2-D quadrature over the individual-level
 * parameters (λ, p), using only the model's definition (FHL 2005 §2–§3), no closed forms:
 *
 *   individual likelihood   L(λ,p) = (1−p)^x λ^x e^{−λT} + 1[x>0]·p(1−p)^{x−1} λ^x e^{−λ t_x}
 *   alive part              A(λ,p) = (1−p)^x λ^x e^{−λT}
 *   E[X(t) | λ, p]          = (1/p)(1 − e^{−λpt})
 *   P(alive)   = ∫∫ A g f / ∫∫ L g f,     E[Y(t)] = ∫∫ A·(1/p)(1−e^{−λpt}) g f / ∫∫ L g f,
 *
 * with g the Gamma(r, α) density of λ and f the Beta(a, b) density of p. Normalising constants cancel in
 * the ratios, and E[X(t)] for a new customer is the same ratio at x = 0, T = 0 (so L = A = 1).
 * Substitutions λ = e^s and p = 1/(1+e^{−u}) turn both integrals into smooth, exponentially decaying
 * integrands on ℝ², for which the plain trapezoid rule converges geometrically in the step; the range is
 * cut where the integrand has fallen by e^{−45} relative to its peak. Sums are done on log scale.
 */

import type { BgnbdParams } from '../../../src/domain/classify/bgnbd.js'

interface Grid { lo: number, hi: number, h: number }

function lnSigmoid(u: number): number {
  return u >= 0 ? -Math.log1p(Math.exp(-u)) : u - Math.log1p(Math.exp(u))
}

function grids(params: BgnbdParams, x: number, tx: number, T: number): { s: Grid, u: Grid } {
  const { r, alpha, a, b } = params
  const k = r + x
  const sPeakLo = Math.log(k / (alpha + T))
  const sPeakHi = Math.log(k / (alpha + (x > 0 ? tx : T)))
  const hs = Math.min(0.2, 0.1 / Math.sqrt(k))
  const A = a
  const B = b + Math.max(0, x - 1)
  const uPeak = Math.log(A / B)
  const hu = Math.min(0.2, 0.1 * Math.sqrt(1 / A + 1 / B))
  return {
    s: { lo: sPeakLo - 45 / k - 2, hi: sPeakHi + Math.log(2 + 60 / k) + 2, h: hs },
    // Each tail is either linear on log scale (slope A or B) or double-exponential, whichever cuts in last.
    u: { lo: uPeak - Math.max(45 / A, Math.log(2 + 60 / B)) - 3, hi: uPeak + Math.max(45 / B, Math.log(2 + 60 / A)) + 3, h: hu },
  }
}

/** ln ∫∫ exp(logF(λ, p, ln λ, ln p, ln(1−p))) g(λ) f(p) dλ dp, up to a constant shared by all calls with the same params. */
function logIntegral(
  params: BgnbdParams,
  grid: { s: Grid, u: Grid },
  logF: (lambda: number, p: number, lnLambda: number, lnP: number, ln1mP: number) => number,
): number {
  const { r, alpha, a, b } = params
  const ns = Math.ceil((grid.s.hi - grid.s.lo) / grid.s.h)
  const nu = Math.ceil((grid.u.hi - grid.u.lo) / grid.u.h)
  const values = new Float64Array((ns + 1) * (nu + 1))
  let max = -Infinity
  let idx = 0
  for (let i = 0; i <= ns; i++) {
    const s = grid.s.lo + i * grid.s.h
    const lambda = Math.exp(s)
    // g(λ)dλ ∝ λ^{r−1} e^{−αλ} · λ ds
    const lnG = r * s - alpha * lambda
    for (let j = 0; j <= nu; j++) {
      const u = grid.u.lo + j * grid.u.h
      const lnP = lnSigmoid(u)
      const ln1mP = lnSigmoid(-u)
      // f(p)dp ∝ p^{a−1}(1−p)^{b−1} · p(1−p) du
      const v = lnG + a * lnP + b * ln1mP + logF(lambda, Math.exp(lnP), s, lnP, ln1mP)
      values[idx++] = v
      if (v > max) max = v
    }
  }
  let sum = 0
  for (const v of values) sum += Math.exp(v - max)
  return max + Math.log(sum * grid.s.h * grid.u.h)
}

/** ln of the alive part A(λ,p) of the individual likelihood. */
function lnAlive(x: number, T: number, lambda: number, lnLambda: number, ln1mP: number): number {
  return x * ln1mP + x * lnLambda - lambda * T
}

/** ln L(λ,p), the full individual likelihood. */
function lnLik(x: number, tx: number, T: number, lambda: number, lnLambda: number, lnP: number, ln1mP: number): number {
  const alive = lnAlive(x, T, lambda, lnLambda, ln1mP)
  if (x === 0) return alive
  const dead = lnP + (x - 1) * ln1mP + x * lnLambda - lambda * tx
  return Math.max(alive, dead) + Math.log1p(Math.exp(-Math.abs(alive - dead)))
}

/** P(alive | x, t_x, T) and E[Y(t) | x, t_x, T] for each t, by quadrature; x = t_x = T = 0 gives E[X(t)]. */
export function posteriorByQuadrature(params: BgnbdParams, c: { x: number, tx: number, T: number }, horizons: readonly number[]): { pAlive: number, expected: number[] } {
  const { x, tx, T } = c
  const grid = grids(params, x, tx, T)
  const den = logIntegral(params, grid, (l, _p, ll, lp, l1) => lnLik(x, tx, T, l, ll, lp, l1))
  const alive = logIntegral(params, grid, (l, _p, ll, _lp, l1) => lnAlive(x, T, l, ll, l1))
  const expected = horizons.map(t =>
    Math.exp(logIntegral(params, grid, (l, p, ll, lp, l1) => lnAlive(x, T, l, ll, l1) + Math.log(-Math.expm1(-l * p * t)) - lp) - den))
  return { pAlive: Math.exp(alive - den), expected }
}
