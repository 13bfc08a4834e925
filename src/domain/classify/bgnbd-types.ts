/** The BG/NBD model's types, shared by the files that fit and use it (see bgnbd.ts). */

/** BG/NBD parameters: λ ~ Gamma(shape r, rate α), p ~ Beta(a, b). α carries the time unit. */
export interface BgnbdParams { r: number, alpha: number, a: number, b: number }

/** One customer's summary: repeat purchases x, time of last purchase t_x, age T (same unit as alpha). */
export interface Rft { x: number, tx: number, T: number }

/** Options for {@link fitBgnbd}: MAP prior on ln-parameters, starting points (original units), stopping rule. */
export interface FitOptions {
  prior?: { center: BgnbdParams, sigma: number }
  starts?: BgnbdParams[]
  maxIterations?: number
  /** Tolerance on ‖∇(objective / N)‖₂ with respect to ln-parameters (default 1e−9). */
  gradTol?: number
}

/** Result of {@link fitBgnbd}. */
export interface BgnbdFit {
  params: BgnbdParams
  /** Data log-likelihood Σ ln L_i, without the prior. */
  logLik: number
  /** −logLik + ½‖lnθ − lnθ₀‖²/σ² (just −logLik for MLE). */
  objective: number
  converged: boolean
  /** ‖∇(objective / N)‖₂ over ln-parameters (projected on the [−20, 20] box) at the returned point. */
  gradNorm: number
  /** L-BFGS iterations of the best start. */
  iterations: number
  /** Number of starting points tried. */
  starts: number
  /** Number of customers used (T > 0). */
  n: number
  /**
   * Some ln-parameter is within 1e−3 of the ±20 clamp. A sure sign of a degenerate fit, but not the only one:
   * also check a, b > 10³ (ANALYTICS.md §9).
   */
  atBound: boolean
}
