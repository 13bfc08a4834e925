/**
 * BG/NBD log-likelihood and its analytic gradient (FHL 2005 eq. 6; ANALYTICS.md §2):
 *   ln L_i = lnΓ(r+x) − lnΓ(r) + r ln α + lnB(a, b+x) − lnB(a, b) + ln(E1 + 1[x>0]·E2),
 *   E1 = (α+T)^{−(r+x)},  E2 = a/(b+x−1)·(α+t_x)^{−(r+x)},
 * with ln(E1+E2) = ln E1 + softplus(Δ), Δ = ln E2 − ln E1, so neither E1 nor E2 is ever formed.
 */

import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import type { BgnbdParams, Rft } from './bgnbd-types.js'
import type { CompressedRft } from './bgnbd-data.js'
import { compressRft } from './bgnbd-data.js'

/** Sums ln L_i over compressed data; when grad is given, writes ∂/∂(r, α, a, b) into grad[0..3]. */
export type BgnbdEvaluator = (r: number, alpha: number, a: number, b: number, grad: number[] | null) => number

/** Above this x the Γ/ψ differences come from gammaln/digamma instead of exact recurrences. */
const MAX_RECURRENCE_X = 100_000

/**
 * The repeat-buyer tuples (x > 0) grouped by distinct x, and the per-time totals that carry every
 * −(r+x)·ln(α+T) term, so that one evaluation touches each tuple once with a single exp and log1p.
 */
interface EvaluatorLayout {
  /** Tuples of x index k are groupStart[k] .. groupStart[k+1]−1 in repT/repTx/repW. */
  groupStart: Int32Array
  repT: Int32Array
  repTx: Int32Array
  repW: Float64Array
  /** Per time index: Σ weight and Σ weight·x of the tuples whose T is that time. */
  weightAtT: Float64Array
  weightXAtT: Float64Array
}

function layout(data: CompressedRft): EvaluatorLayout {
  const nx = data.xs.length
  const nt = data.times.length
  const n = data.weight.length
  const groupStart = new Int32Array(nx + 1)
  const weightAtT = new Float64Array(nt)
  const weightXAtT = new Float64Array(nt)
  for (let k = 0; k < n; k++) {
    const xi = data.tupleX[k] as number
    const ti = data.tupleT[k] as number
    const w = data.weight[k] as number
    weightAtT[ti] = (weightAtT[ti] as number) + w
    weightXAtT[ti] = (weightXAtT[ti] as number) + w * (data.xs[xi] as number)
    if ((data.xs[xi] as number) > 0) groupStart[xi + 1] = (groupStart[xi + 1] as number) + 1
  }
  for (let k = 0; k < nx; k++) groupStart[k + 1] = (groupStart[k + 1] as number) + (groupStart[k] as number)
  const m = groupStart[nx] as number
  const repT = new Int32Array(m)
  const repTx = new Int32Array(m)
  const repW = new Float64Array(m)
  const fill = groupStart.slice(0, nx)
  for (let k = 0; k < n; k++) {
    const xi = data.tupleX[k] as number
    if (!((data.xs[xi] as number) > 0)) continue
    const j = fill[xi] as number
    fill[xi] = j + 1
    repT[j] = data.tupleT[k] as number
    repTx[j] = data.tupleTx[k] as number
    repW[j] = data.weight[k] as number
  }
  return { groupStart, repT, repTx, repW, weightAtT, weightXAtT }
}

/** Builds a reusable evaluator with preallocated workspace (no allocation per call). */
export function createBgnbdEvaluator(data: CompressedRft): BgnbdEvaluator {
  const nx = data.xs.length
  const nt = data.times.length
  const xs = data.xs
  const times = data.times
  const xWeight = data.xWeight
  const total = data.total
  const maxX = nx > 0 ? (xs[nx - 1] as number) : 0
  const { groupStart, repT, repTx, repW, weightAtT, weightXAtT } = layout(data)
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
      const x = xs[k] as number
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
      const x = xs[k] as number
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
    const lnA = Math.log(a)
    const lnAlpha = Math.log(alpha)
    let ll = total * r * lnAlpha
    let gr = total * lnAlpha
    let gAlpha = (total * r) / alpha
    let ga = 0
    let gb = 0
    for (let k = 0; k < nx; k++) {
      const w = xWeight[k] as number
      ll += w * (lnConst[k] as number)
      gr += w * (psiR[k] as number)
      ga -= w * (psiAB[k] as number)
      gb += w * ((psiB[k] as number) - (psiAB[k] as number))
    }
    // Every customer's −(r+x)·ln(α+T), summed per distinct T.
    for (let k = 0; k < nt; k++) {
      const v = alpha + (times[k] as number)
      const lnT = Math.log(v)
      const invT = 1 / v
      lnAt[k] = lnT
      invAt[k] = invT
      const w = weightAtT[k] as number
      const wrx = r * w + (weightXAtT[k] as number)
      ll -= wrx * lnT
      gr -= w * lnT
      gAlpha -= wrx * invT
    }
    // Repeat buyers add ln(1 + E2/E1) = softplus(Δ), Δ = ln a − ln(b+x−1) + (r+x)·ln((α+T)/(α+t_x)), and
    // move the weight w2 = σ(Δ) of their ln(α+·), 1/(α+·) gradient terms from T to t_x.
    let gaW2 = 0
    for (let k = 0; k < nx; k++) {
      const end = groupStart[k + 1] as number
      let j = groupStart[k] as number
      if (j === end) continue
      const rx = r + (xs[k] as number)
      const c0 = lnA - (lnB1[k] as number)
      let sLl = 0, sLn = 0, sInv = 0, sW2 = 0
      for (; j < end; j++) {
        const ti = repT[j] as number
        const si = repTx[j] as number
        const dl = (lnAt[ti] as number) - (lnAt[si] as number)
        const delta = c0 + rx * dl
        // One exponential serves both softplus(Δ) = max(Δ, 0) + ln(1+e^−|Δ|) and the weight w2 = σ(Δ).
        const positive = delta >= 0
        const e = Math.exp(positive ? -delta : delta)
        const w = repW[j] as number
        sLl += w * ((positive ? delta : 0) + Math.log1p(e))
        const inv = 1 / (1 + e)
        const ww2 = w * (positive ? inv : e * inv)
        sLn += ww2 * dl
        sInv += ww2 * ((invAt[si] as number) - (invAt[ti] as number))
        sW2 += ww2
      }
      ll += sLl
      gr += sLn
      gAlpha -= rx * sInv
      gaW2 += sW2
      gb -= sW2 * (invB1[k] as number)
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
