/**
 * Multi-start maximum-likelihood / MAP fitting on ln-parameters (ANALYTICS.md §2 "Estimation", §9 MAP):
 * minimise [−ln L(e^u) + ½‖u − u₀‖²/σ²] / N over u inside a box, with L-BFGS, keeping the best start.
 */

import { minimize } from './lbfgs.js'

/** A flat likelihood lets the optimiser stop just short of the clamp; this close (on ln scale) counts as on it. */
const NEAR_BOUND = 1e-3

/** A negative log-likelihood in the natural parameters θ, with its gradient ∂/∂θ written into gradTheta. */
export type NegLogLik = (theta: readonly number[], gradTheta: number[]) => number

/** Everything {@link fitLnParams} needs; all vectors are on the ln scale except inside negLogLik. */
export interface LnFitProblem {
  negLogLik: NegLogLik
  /** Number of observations; the objective is divided by it so that gradTol is per observation. */
  total: number
  lower: readonly number[]
  upper: readonly number[]
  starts: readonly (readonly number[])[]
  prior?: { center: readonly number[], sigma: number }
  maxIterations: number
  gradTol: number
}

/** Best local optimum over the starts. */
export interface LnFitResult {
  lnTheta: number[]
  negLogLik: number
  objective: number
  converged: boolean
  gradNorm: number
  iterations: number
  /** Some ln-parameter is within 1e−3 of its bound. */
  atBound: boolean
}

/** Runs L-BFGS from every start and returns the lowest objective (first one on ties, so it is deterministic). */
export function fitLnParams(problem: LnFitProblem): LnFitResult {
  const { negLogLik, total, prior } = problem
  const dim = problem.lower.length
  const scale = 1 / Math.max(1, total)
  const gradTheta = new Array<number>(dim).fill(0)
  const penalty = (u: readonly number[]): number => {
    if (prior === undefined) return 0
    let s = 0
    for (let i = 0; i < dim; i++) s += ((u[i] as number) - (prior.center[i] as number)) ** 2
    return s / (2 * prior.sigma ** 2)
  }
  const objective = (u: number[]): { value: number, gradient: number[] } => {
    const theta = u.map(Math.exp)
    const nll = negLogLik(theta, gradTheta)
    const gradient = u.map((ui, i) => {
      const fromPrior = prior === undefined ? 0 : (ui - (prior.center[i] as number)) / prior.sigma ** 2
      return ((gradTheta[i] as number) * (theta[i] as number) + fromPrior) * scale
    })
    return { value: (nll + penalty(u)) * scale, gradient }
  }

  let best: LnFitResult | null = null
  for (const start of problem.starts) {
    const run = minimize(objective, start, {
      maxIterations: problem.maxIterations,
      gradTol: problem.gradTol,
      lower: problem.lower,
      upper: problem.upper,
    })
    if (!Number.isFinite(run.value)) continue
    if (best === null || run.value < best.objective) {
      best = {
        lnTheta: run.x,
        negLogLik: run.value / scale - penalty(run.x),
        objective: run.value / scale,
        converged: run.converged,
        gradNorm: run.gradNorm,
        iterations: run.iterations,
        atBound: run.x.some((v, i) => v <= (problem.lower[i] as number) + NEAR_BOUND || v >= (problem.upper[i] as number) - NEAR_BOUND),
      }
    }
  }
  if (best !== null) return best
  const first = (problem.starts[0] ?? problem.lower).slice()
  return { lnTheta: first, negLogLik: Number.NaN, objective: Number.NaN, converged: false, gradNorm: Number.NaN, iterations: 0, atBound: false }
}
