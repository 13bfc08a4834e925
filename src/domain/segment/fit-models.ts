/**
 * Chooses and fits the models by data size and degeneracy (ANALYTICS.md §9 fallback ladder):
 * MLE for large merchants, MAP with a prior for middling or degenerate ones, a strong prior for small
 * ones, and rules only (no model) for the tiniest.
 */
import { fitBgnbd, type BgnbdFit, type BgnbdParams, type Rft } from '../classify/bgnbd.js'
import { fitGammaGammaColumns, type GammaGammaParams } from '../classify/gamma-gamma.js'

export type FitMethod = 'mle' | 'map' | 'map-strong' | 'rules'

export const FIT_METHOD_NAMES: Record<FitMethod, string> = {
  'mle': '最大似然（数据充足）',
  'map': '带先验的估计（数据中等）',
  'map-strong': '强先验估计（客户较少，概率仅供参考）',
  'rules': '规则判断（客户太少，不用模型）',
}

/** Prior centre in days: close to what the literature reports for repeat-purchase retail (CDNOW, α = 7·4.414). */
export const DEFAULT_PRIOR: BgnbdParams = { r: 0.25, alpha: 30, a: 0.8, b: 2.5 }
export const DEFAULT_SPEND_PRIOR: GammaGammaParams = { p: 6, q: 4, gamma: 15 }

export interface ModelChoice {
  method: FitMethod
  bgnbd: BgnbdFit | null
  spend: { method: 'gamma-gamma' | 'shrinkage', params: GammaGammaParams | null, logLik: number | null, meanFen: number }
  customers: number
  repeaters: number
  /** Why this method, in Chinese. */
  note: string
}

/** A fit is degenerate when it ran off (a or b huge) or did not settle. */
export function isDegenerate(fit: BgnbdFit): boolean {
  const { a, b, r, alpha } = fit.params
  return !fit.converged || a > 1e3 || b > 1e3 || r > 1e3 || alpha > 1e6 || ![a, b, r, alpha].every(Number.isFinite)
}

/** Fits BG/NBD (days) and the spend model; `zbar` in fen per repeat customer. */
export function fitModels(data: readonly (Rft & { zbarFen: number | null })[], prior: BgnbdParams = DEFAULT_PRIOR): ModelChoice {
  const usable: Rft[] = []
  let repeaters = 0
  for (const c of data) {
    if (!(c.T > 0)) continue
    usable.push(c)
    if (c.x > 0) repeaters++
  }
  const n = usable.length
  const spend = fitSpend(data)
  const base = { customers: n, repeaters, spend }
  if (n < 10 || repeaters < 3)
    return { ...base, method: 'rules', bgnbd: null, note: `只有${n}位客户、${repeaters}位回头客，按购买节奏规则判断` }
  if (n < 100 || repeaters < 30)
    return { ...base, method: 'map-strong', bgnbd: fitBgnbd(usable, { prior: { center: prior, sigma: 0.5 } }), note: `${n}位客户、${repeaters}位回头客，用强先验估计` }
  if (n >= 1000 && repeaters >= 300) {
    const mle = fitBgnbd(usable)
    if (!isDegenerate(mle)) return { ...base, method: 'mle', bgnbd: mle, note: `${n}位客户、${repeaters}位回头客，数据充足` }
    return { ...base, method: 'map', bgnbd: fitBgnbd(usable, { prior: { center: prior, sigma: 1 } }), note: '最大似然结果不稳定，改用带先验的估计' }
  }
  return { ...base, method: 'map', bgnbd: fitBgnbd(usable, { prior: { center: prior, sigma: 1 } }), note: `${n}位客户、${repeaters}位回头客，用带先验的估计` }
}

function fitSpend(data: readonly { x: number, zbarFen: number | null }[]): ModelChoice['spend'] {
  // Repeat customers with a positive mean spend, as columns (x, z̄ in yuan) for the fit.
  let count = 0
  for (const c of data) if (c.x > 0 && c.zbarFen !== null && c.zbarFen > 0) count++
  const xs = new Float64Array(count)
  const zbars = new Float64Array(count)
  let sumFen = 0
  let j = 0
  for (const c of data) {
    if (!(c.x > 0 && c.zbarFen !== null && c.zbarFen > 0)) continue
    sumFen += c.zbarFen
    xs[j] = c.x
    zbars[j++] = c.zbarFen / 100
  }
  const meanFen = count > 0 ? sumFen / count : 0
  if (count >= 50) {
    const fit = fitGammaGammaColumns(xs, zbars)
    if (fit.converged && fit.params.q > 1 && Number.isFinite(fit.params.p))
      return { method: 'gamma-gamma', params: fit.params, logLik: fit.logLik, meanFen }
  }
  return { method: 'shrinkage', params: null, logLik: null, meanFen }
}
