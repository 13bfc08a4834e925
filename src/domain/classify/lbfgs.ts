/**
 * A small box-constrained L-BFGS minimiser (Nocedal & Wright 2006, Numerical Optimization, alg. 7.4/7.5)
 * with a projected backtracking (Armijo) line search. Convergence is judged by the norm of the projected
 * gradient, not by line-search success (ANALYTICS.md §2).
 */

/** Value and gradient of the function being minimised at x. */
export type Objective = (x: number[]) => { value: number, gradient: number[] }

/** Options for {@link minimize}. Bounds default to ±∞. */
export interface MinimizeOptions {
  maxIterations?: number
  gradTol?: number
  lower?: readonly number[]
  upper?: readonly number[]
  /** Number of correction pairs kept (default 8). */
  memory?: number
}

/** Result of {@link minimize}; `converged` means ‖projected gradient‖₂ ≤ gradTol. */
export interface MinimizeResult {
  x: number[]
  value: number
  gradNorm: number
  iterations: number
  converged: boolean
}

const C1 = 1e-4
const MAX_BACKTRACKS = 50
/** Relative size of a change in f that is indistinguishable from rounding. */
const F_NOISE = 1e-13

function dot(u: readonly number[], v: readonly number[]): number {
  let s = 0
  for (let i = 0; i < u.length; i++) s += (u[i] as number) * (v[i] as number)
  return s
}

function clampInto(x: number[], lower: readonly number[], upper: readonly number[]): number[] {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(upper[i] as number, Math.max(lower[i] as number, x[i] as number))
  return x
}

/** Gradient with the components that push out of the box at an active bound set to 0. */
function projectedGradient(x: readonly number[], g: readonly number[], lower: readonly number[], upper: readonly number[]): number[] {
  return g.map((gi, i) => ((x[i] as number) <= (lower[i] as number) && gi > 0) || ((x[i] as number) >= (upper[i] as number) && gi < 0) ? 0 : gi)
}

/** Two-loop recursion: returns −H·g for the stored pairs (s, y). */
function twoLoop(g: readonly number[], ss: number[][], ys: number[][]): number[] {
  const q = g.slice()
  const alphas: number[] = []
  for (let k = ss.length - 1; k >= 0; k--) {
    const s = ss[k] as number[]
    const y = ys[k] as number[]
    const a = dot(s, q) / dot(y, s)
    alphas[k] = a
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) - a * (y[i] as number)
  }
  const last = ss.length - 1
  const gammaScale = last >= 0 ? dot(ss[last] as number[], ys[last] as number[]) / dot(ys[last] as number[], ys[last] as number[]) : 1
  for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) * gammaScale
  for (let k = 0; k < ss.length; k++) {
    const s = ss[k] as number[]
    const y = ys[k] as number[]
    const b = dot(y, q) / dot(y, s)
    const a = alphas[k] as number
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) + (a - b) * (s[i] as number)
  }
  return q.map(v => -v)
}

/** Minimises f from x0 inside optional box bounds with L-BFGS and a projected backtracking line search. */
export function minimize(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length
  const maxIterations = options.maxIterations ?? 200
  const gradTol = options.gradTol ?? 1e-8
  const memory = options.memory ?? 8
  const lower = options.lower ?? new Array<number>(n).fill(-Infinity)
  const upper = options.upper ?? new Array<number>(n).fill(Infinity)

  let x = clampInto(x0.slice(), lower, upper)
  let { value, gradient } = f(x)
  let pg = projectedGradient(x, gradient, lower, upper)
  let gradNorm = Math.sqrt(dot(pg, pg))
  const ss: number[][] = []
  const ys: number[][] = []
  let iterations = 0
  let previousActive = ''
  if (!Number.isFinite(value)) return { x, value, gradNorm, iterations, converged: false }

  while (gradNorm > gradTol && iterations < maxIterations) {
    iterations++
    // Coordinates on a bound that the gradient pushes outward are frozen; old curvature pairs are dropped
    // whenever that active set changes, since they describe a different subspace.
    const active = x.map((xi, i) => (xi <= (lower[i] as number) || xi >= (upper[i] as number)) && pg[i] === 0 ? '1' : '0').join('')
    if (active !== previousActive) {
      ss.length = 0
      ys.length = 0
      previousActive = active
    }
    let d = twoLoop(pg, ss, ys)
    d = d.map((di, i) => {
      const atLower = (x[i] as number) <= (lower[i] as number)
      const atUpper = (x[i] as number) >= (upper[i] as number)
      return active[i] === '1' || (atLower && di < 0) || (atUpper && di > 0) ? 0 : di
    })
    if (!(dot(d, pg) < 0)) {
      ss.length = 0
      ys.length = 0
      d = pg.map(v => -v)
    }
    let t = ss.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(d, d))) : 1
    let accepted: { x: number[], value: number, gradient: number[], pg: number[], gradNorm: number } | null = null
    for (let k = 0; k < MAX_BACKTRACKS; k++) {
      const xn = clampInto(x.map((xi, i) => xi + t * (d[i] as number)), lower, upper)
      const step = xn.map((v, i) => v - (x[i] as number))
      const slope = dot(gradient, step)
      if (slope >= 0 && dot(step, step) === 0) break
      const trial = f(xn)
      if (Number.isFinite(trial.value)) {
        const pgn = projectedGradient(xn, trial.gradient, lower, upper)
        const normN = Math.sqrt(dot(pgn, pgn))
        const armijo = trial.value <= value + C1 * slope
        // Near the optimum f changes by less than its rounding; accept if the gradient still shrinks.
        const noiseLevel = trial.value - value <= F_NOISE * (1 + Math.abs(value)) && normN < gradNorm
        if (armijo || noiseLevel) {
          accepted = { x: xn, value: trial.value, gradient: trial.gradient, pg: pgn, gradNorm: normN }
          break
        }
      }
      t *= 0.5
    }
    if (accepted === null) break
    // Curvature pairs live in the free subspace of the current active set.
    const s = accepted.x.map((v, i) => (active[i] === '1' ? 0 : v - (x[i] as number)))
    const y = accepted.gradient.map((v, i) => (active[i] === '1' ? 0 : v - (gradient[i] as number)))
    const sy = dot(s, y)
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      ss.push(s)
      ys.push(y)
      if (ss.length > memory) {
        ss.shift()
        ys.shift()
      }
    }
    x = accepted.x
    value = accepted.value
    gradient = accepted.gradient
    pg = accepted.pg
    gradNorm = accepted.gradNorm
  }
  return { x, value, gradNorm, iterations, converged: gradNorm <= gradTol }
}
