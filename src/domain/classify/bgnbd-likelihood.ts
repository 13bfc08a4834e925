/**
 * BG/NBD log-likelihood and its analytic gradient (FHL 2005 eq. 6; ANALYTICS.md §2):
 *   ln L_i = lnΓ(r+x) − lnΓ(r) + r ln α + lnB(a, b+x) − lnB(a, b) + ln(E1 + 1[x>0]·E2),
 *   E1 = (α+T)^{−(r+x)},  E2 = a/(b+x−1)·(α+t_x)^{−(r+x)},
 * with ln(E1+E2) = ln E1 + softplus(Δ), Δ = ln E2 − ln E1, so neither E1 nor E2 is ever formed.
 */

import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import type { BgnbdParams, Rft } from './bgnbd.js'
import type { CompressedRft } from './bgnbd-data.js'
import { compressRft } from './bgnbd-data.js'

/** Sums ln L_i over compressed data; when grad is given, writes ∂/∂(r, α, a, b) into grad[0..3]. */
export type BgnbdEvaluator = (r: number, alpha: number, a: number, b: number, grad: number[] | null) => number

/** Above this x the Γ/ψ differences come from gammaln/digamma instead of exact recurrences. */
const MAX_RECURRENCE_X = 100_000

/** Builds a reusable evaluator with preallocated workspace (no allocation per call). */
export function createBgnbdEvaluator(data: CompressedRft): BgnbdEvaluator {
  const nx = data.xs.length
  const nt = data.times.length
  const maxX = nx > 0 ? (data.xs[nx - 1] as number) : 0
  // Per distinct x: lnΓ(r+x)−lnΓ(r) + lnΓ(b+x)−lnΓ(b) − lnΓ(a+b+x)+lnΓ(a+b), and the matching ψ differences.
  const lnConst = new Float64Array(nx)
  const psiR = new Float64Array(nx)
  const psiB = new Float64Array(nx)
  const psiAB = new Float64Array(nx)
  const lnB1 = new Float64Array(nx)
  const invB1 = new Float64Array(nx)
  const lnAt = new Float64Array(nt)
  const invAt = new Float64Array(nt)

  const perXByRecurrence = (r: number, a: number, b: number): void => {
    // Γ(v+x)/Γ(v) = Π_{j<x}(v+j) and ψ(v+x) − ψ(v) = Σ_{j<x} 1/(v+j): exact even when b ~ e^20.
    let lr = 0, lb = 0, lab = 0, pr = 0, pb = 0, pab = 0, lastLb = 0, lastInvB = 0
    let j = 0
    for (let k = 0; k < nx; k++) {
      const x = data.xs[k] as number
      for (; j < x; j++) {
        lastLb = Math.log(b + j)
        lastInvB = 1 / (b + j)
        lr += Math.log(r + j)
        lb += lastLb
        lab += Math.log(a + b + j)
        pr += 1 / (r + j)
        pb += lastInvB
        pab += 1 / (a + b + j)
      }
      lnConst[k] = lr + lb - lab
      psiR[k] = pr
      psiB[k] = pb
      psiAB[k] = pab
      lnB1[k] = lastLb
      invB1[k] = lastInvB
    }
  }
  const perXBySpecialFunctions = (r: number, a: number, b: number): void => {
    for (let k = 0; k < nx; k++) {
      const x = data.xs[k] as number
      lnConst[k] = gammaln(r + x) - gammaln(r) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x) + gammaln(a + b)
      psiR[k] = digamma(r + x) - digamma(r)
      psiB[k] = digamma(b + x) - digamma(b)
      psiAB[k] = digamma(a + b + x) - digamma(a + b)
      lnB1[k] = x > 0 ? Math.log(b + x - 1) : 0
      invB1[k] = x > 0 ? 1 / (b + x - 1) : 0
    }
  }

  return function evaluate(r, alpha, a, b, grad) {
    if (maxX <= MAX_RECURRENCE_X) perXByRecurrence(r, a, b)
    else perXBySpecialFunctions(r, a, b)
    for (let k = 0; k < nt; k++) {
      const v = alpha + (data.times[k] as number)
      lnAt[k] = Math.log(v)
      invAt[k] = 1 / v
    }
    const lnA = Math.log(a)
    const lnAlpha = Math.log(alpha)
    let ll = data.total * r * lnAlpha
    let gr = data.total * lnAlpha
    let gAlpha = (data.total * r) / alpha
    let ga = 0
    let gb = 0
    for (let k = 0; k < nx; k++) {
      const w = data.xWeight[k] as number
      ll += w * (lnConst[k] as number)
      gr += w * (psiR[k] as number)
      ga -= w * (psiAB[k] as number)
      gb += w * ((psiB[k] as number) - (psiAB[k] as number))
    }
    let gaW2 = 0
    const nTuples = data.weight.length
    for (let k = 0; k < nTuples; k++) {
      const xi = data.tupleX[k] as number
      const ti = data.tupleT[k] as number
      const w = data.weight[k] as number
      const x = data.xs[xi] as number
      const rx = r + x
      const lnT = lnAt[ti] as number
      if (x === 0) {
        ll -= w * rx * lnT
        gr -= w * lnT
        gAlpha -= w * rx * (invAt[ti] as number)
        continue
      }
      const si = data.tupleTx[k] as number
      const lnTx = lnAt[si] as number
      const delta = lnA - (lnB1[xi] as number) + rx * (lnT - lnTx)
      // One exponential serves both softplus(Δ) = ln(1+e^Δ) and the weight w2 = σ(Δ).
      const e = Math.exp(-Math.abs(delta))
      ll += w * ((delta > 0 ? delta : 0) + Math.log1p(e) - rx * lnT)
      const w2 = delta >= 0 ? 1 / (1 + e) : e / (1 + e)
      const w1 = 1 - w2
      gr -= w * (w1 * lnT + w2 * lnTx)
      gAlpha -= w * rx * (w1 * (invAt[ti] as number) + w2 * (invAt[si] as number))
      gaW2 += w * w2
      gb -= w * w2 * (invB1[xi] as number)
    }
    if (grad !== null) {
      grad[0] = gr
      grad[1] = gAlpha
      grad[2] = ga + gaW2 / a
      grad[3] = gb
    }
    return ll
  }
}

/** Σ_i ln L_i over customers (T = 0 customers contribute exactly 0), in log-sum-exp form (ANALYTICS.md §2). */
export function bgnbdLogLikelihood(params: BgnbdParams, data: readonly Rft[]): number {
  return createBgnbdEvaluator(compressRft(data, false))(params.r, params.alpha, params.a, params.b, null)
}

/** Analytic gradient ∂(Σ ln L_i)/∂(r, α, a, b) (ANALYTICS.md §2, FHL 2005 technical note). */
export function bgnbdGradient(params: BgnbdParams, data: readonly Rft[]): BgnbdParams {
  const g = [0, 0, 0, 0]
  createBgnbdEvaluator(compressRft(data, false))(params.r, params.alpha, params.a, params.b, g)
  return { r: g[0] as number, alpha: g[1] as number, a: g[2] as number, b: g[3] as number }
}
