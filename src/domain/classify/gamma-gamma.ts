/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", JMR; Hardie note 025; ANALYTICS.md §5):
 * transaction values ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers; fitted on customers with x > 0.
 */

import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import { fitLnParams } from './fit-ln-params.js'
import { groupColumns, rescaled, type SpendGroups } from './gamma-gamma-data.js'

export { customerValue } from './clv.js'

/** Gamma-Gamma parameters: shape p per transaction, ν ~ Gamma(shape q, rate γ). γ carries the money unit. */
export interface GammaGammaParams { p: number, q: number, gamma: number }

/** One customer's repeat purchases x and mean repeat-occasion amount z̄. */
export interface SpendSummary { x: number, zbar: number }

/** Result of {@link fitGammaGamma}; gradNorm is ‖∇(objective/N)‖₂ over ln-parameters. */
export interface GammaGammaFit {
  params: GammaGammaParams
  logLik: number
  objective: number
  converged: boolean
  gradNorm: number
  iterations: number
  n: number
  atBound: boolean
}

const LN_BOUND = 20

function groupByX(data: readonly SpendSummary[], moneyScale: number): SpendGroups {
  return groupColumns(data.map(d => d.x), data.map(d => d.zbar), moneyScale)
}

/** Σ ln f(z̄ | x) and, when grad is given, ∂/∂(p, q, γ) written into grad (ANALYTICS.md §5). */
function evaluate(groups: SpendGroups, p: number, q: number, gamma: number, grad: number[] | null): number {
  const { xs, counts, start, zs } = groups
  const lnGamma = Math.log(gamma)
  const lgQ = gammaln(q)
  const psiQ = digamma(q)
  let ll = 0, gp = 0, gq = 0, gg = 0
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k] as number
    const w = counts[k] as number
    const sumLnZ = groups.sumLnZ[k] as number
    const px = p * x
    const lnX = Math.log(x)
    let sumLn = 0
    let sumInv = 0
    const end = start[k + 1] as number
    for (let i = start[k] as number; i < end; i++) {
      const v = gamma + x * (zs[i] as number)
      sumLn += Math.log(v)
      sumInv += 1 / v
    }
    ll += w * (gammaln(px + q) - gammaln(px) - lgQ + q * lnGamma + px * lnX) + (px - 1) * sumLnZ - (px + q) * sumLn
    if (grad === null) continue
    const psiPxQ = digamma(px + q)
    gp += x * (w * (psiPxQ - digamma(px) + lnX) + sumLnZ - sumLn)
    gq += w * (psiPxQ - psiQ + lnGamma) - sumLn
    gg += (w * q) / gamma - (px + q) * sumInv
  }
  if (grad !== null) {
    grad[0] = gp
    grad[1] = gq
    grad[2] = gg
  }
  return ll
}

/** Σ ln f(z̄_i | x_i) over customers with x > 0 and z̄ > 0 (ANALYTICS.md §5); others are ignored. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: readonly SpendSummary[]): number {
  return evaluate(groupByX(data, 1), params.p, params.q, params.gamma, null)
}

/** Analytic gradient ∂(Σ ln f)/∂(p, q, γ) (ANALYTICS.md §5). */
export function gammaGammaGradient(params: GammaGammaParams, data: readonly SpendSummary[]): GammaGammaParams {
  const g = [0, 0, 0]
  evaluate(groupByX(data, 1), params.p, params.q, params.gamma, g)
  return { p: g[0] as number, q: g[1] as number, gamma: g[2] as number }
}

/** Options for {@link fitGammaGamma}. */
export interface GammaGammaFitOptions { prior?: { center: GammaGammaParams, sigma: number }, maxIterations?: number, gradTol?: number }

/**
 * MLE (or MAP with a prior on ln-parameters) of the Gamma-Gamma model on customers with x > 0, by L-BFGS
 * on ln(p, q, γ) clamped to [−20, 20] from several starts; money is rescaled to mean z̄ = 1 during the fit.
 * Throws when no customer has x > 0 and z̄ > 0.
 */
export function fitGammaGamma(data: readonly SpendSummary[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  return fitGammaGammaColumns(data.map(d => d.x), data.map(d => d.zbar), options)
}

/** {@link fitGammaGamma} on columns: x[i] and z̄[i] of customer i (no per-customer objects). */
export function fitGammaGammaColumns(x: ArrayLike<number>, zbar: ArrayLike<number>, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const raw = groupColumns(x, zbar, 1)
  if (raw.total === 0) throw new RangeError('fitGammaGamma needs at least one customer with x > 0 and z̄ > 0')
  const scale = raw.meanZ
  const groups = rescaled(raw, scale)
  const lnScale = Math.log(scale)
  const toLn = (c: GammaGammaParams): number[] => [Math.log(c.p), Math.log(c.q), Math.log(c.gamma) - lnScale]
  const prior = options.prior === undefined ? undefined : { center: toLn(options.prior.center), sigma: options.prior.sigma }
  const starts = [[0, 0, 0], [0, Math.log(2), 0], [0.1, 0.1, 0.1]]
  if (prior !== undefined) starts.push(prior.center)
  const grad = [0, 0, 0]
  const best = fitLnParams({
    negLogLik: (theta, gradTheta) => {
      const ll = evaluate(groups, theta[0] as number, theta[1] as number, theta[2] as number, grad)
      for (let i = 0; i < 3; i++) gradTheta[i] = -(grad[i] as number)
      return -ll
    },
    total: groups.total,
    lower: [-LN_BOUND, -LN_BOUND, -LN_BOUND - lnScale],
    upper: [LN_BOUND, LN_BOUND, LN_BOUND - lnScale],
    starts,
    ...(prior === undefined ? {} : { prior }),
    maxIterations: options.maxIterations ?? 500,
    gradTol: options.gradTol ?? 1e-9,
  })
  const u = best.lnTheta
  const params = { p: Math.exp(u[0] as number), q: Math.exp(u[1] as number), gamma: Math.exp((u[2] as number) + lnScale) }
  const logLik = evaluate(raw, params.p, params.q, params.gamma, null)
  const penalty = best.objective - best.negLogLik
  return { params, logLik, objective: penalty - logLik, converged: best.converged, gradNorm: best.gradNorm, iterations: best.iterations, n: raw.total, atBound: best.atBound }
}

/**
 * E[M | x, z̄] = p(γ + x z̄)/(px + q − 1); the population mean pγ/(q−1) when x = 0 or z̄ is null (§5).
 * When the denominator is ≤ 0 (q ≤ 1, the mean is infinite) it falls back to the plug-in p/E[ν | data],
 * i.e. p(γ + x z̄)/(px + q) or pγ/q, which is finite and keeps the same ordering.
 */
export function expectedSpend(params: GammaGammaParams, x: number, zbar: number | null): number {
  const { p, q, gamma } = params
  const hasData = x > 0 && zbar !== null
  const num = hasData ? p * (gamma + x * zbar) : p * gamma
  const shape = hasData ? p * x + q : q
  return shape - 1 > 0 ? num / (shape - 1) : num / shape
}

/** Fallback spend (x z̄ + k·m₀)/(x + k): the customer's mean shrunk toward the merchant mean m₀, k ≈ 3 (ANALYTICS.md §9). */
export function shrunkSpend(x: number, zbar: number | null, merchantMean: number, k = 3): number {
  if (!(x > 0) || zbar === null) return merchantMean
  return (x * zbar + k * merchantMean) / (x + k)
}
