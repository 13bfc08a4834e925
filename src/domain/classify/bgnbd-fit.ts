/**
 * BG/NBD estimation (ANALYTICS.md §2 "Estimation", §9 MAP): maximise Σ ln L_i over ln(r, α, a, b), clamped
 * to [−20, 20], with L-BFGS and the analytic gradient, from several starts; time is rescaled so that
 * max T = 1 during the fit and α is scaled back afterwards.
 */

import type { BgnbdFit, BgnbdParams, FitOptions, Rft } from './bgnbd-types.js'
import type { CompressedRft } from './bgnbd-data.js'
import { compressRft } from './bgnbd-data.js'
import { createBgnbdEvaluator } from './bgnbd-likelihood.js'
import { fitLnParams } from './fit-ln-params.js'

const LN_BOUND = 20
const DEFAULT_GRAD_TOL = 1e-9
const DEFAULT_MAX_ITERATIONS = 500

function toLn(p: BgnbdParams, timeScale: number): number[] {
  return [Math.log(p.r), Math.log(p.alpha / timeScale), Math.log(p.a), Math.log(p.b)]
}

function rescaled(data: CompressedRft, timeScale: number): CompressedRft {
  return { ...data, times: data.times.map(v => v / timeScale), maxT: data.maxT / timeScale, meanT: data.meanT / timeScale }
}

/** Default starts in rescaled time (max T = 1): (1,1,1,1), (0.5, mean T/4, 0.5, 2), e^{0.1}·(1,1,1,1) (ANALYTICS.md §2). */
function defaultStarts(meanT: number): number[][] {
  return [
    [0, 0, 0, 0],
    [Math.log(0.5), Math.log(Math.max(meanT, 1e-6) / 4), Math.log(0.5), Math.log(2)],
    [0.1, 0.1, 0.1, 0.1],
  ]
}

/**
 * MLE (or MAP when options.prior is given: + ½‖lnθ − lnθ₀‖²/σ² added to −LL) of the BG/NBD parameters.
 * Customers with T = 0 are skipped (their likelihood term is exactly 0). Throws when no customer has T > 0.
 */
export function fitBgnbd(data: readonly Rft[], options: FitOptions = {}): BgnbdFit {
  const compressed = compressRft(data, true)
  if (compressed.total === 0) throw new RangeError('fitBgnbd needs at least one customer with T > 0')
  const timeScale = compressed.maxT
  const scaled = rescaled(compressed, timeScale)
  const evaluateScaled = createBgnbdEvaluator(scaled)
  const lnScale = Math.log(timeScale)
  const starts = options.starts !== undefined
    ? options.starts.map(s => toLn(s, timeScale))
    : defaultStarts(scaled.meanT)
  const prior = options.prior === undefined
    ? undefined
    : { center: toLn(options.prior.center, timeScale), sigma: options.prior.sigma }
  if (prior !== undefined && options.starts === undefined) starts.push(prior.center)

  const grad = [0, 0, 0, 0]
  const best = fitLnParams({
    negLogLik: (theta, gradTheta) => {
      const ll = evaluateScaled(theta[0] as number, theta[1] as number, theta[2] as number, theta[3] as number, grad)
      for (let i = 0; i < 4; i++) gradTheta[i] = -(grad[i] as number)
      return -ll
    },
    total: compressed.total,
    lower: [-LN_BOUND, -LN_BOUND - lnScale, -LN_BOUND, -LN_BOUND],
    upper: [LN_BOUND, LN_BOUND - lnScale, LN_BOUND, LN_BOUND],
    starts,
    ...(prior === undefined ? {} : { prior }),
    maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    gradTol: options.gradTol ?? DEFAULT_GRAD_TOL,
  })

  const u = best.lnTheta
  const params: BgnbdParams = {
    r: Math.exp(u[0] as number),
    alpha: Math.exp((u[1] as number) + lnScale),
    a: Math.exp(u[2] as number),
    b: Math.exp(u[3] as number),
  }
  const logLik = createBgnbdEvaluator(compressed)(params.r, params.alpha, params.a, params.b, null)
  const penalty = prior === undefined
    ? 0
    : u.reduce((s, ui, i) => s + (ui - (prior.center[i] as number)) ** 2, 0) / (2 * prior.sigma ** 2)
  return {
    params,
    logLik,
    objective: -logLik + penalty,
    converged: best.converged,
    gradNorm: best.gradNorm,
    iterations: best.iterations,
    starts: starts.length,
    n: compressed.total,
    atBound: best.atBound,
  }
}
