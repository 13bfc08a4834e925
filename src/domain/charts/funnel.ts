/** Layout-free plan of the funnel chart: each stage's bar width (0–1) and its labels. */
import { formatCount } from './format.js'
import type { FunnelChart } from './specs.js'

export interface PlannedStage {
  /** Bar width as a share of the widest possible bar; never below MIN_WIDTH so a label fits. */
  width: number
  label: string
  step: string | null
}

export interface FunnelPlan {
  title: string
  subtitle: string | null
  stages: PlannedStage[]
  footnote: string
}

/** The narrowest bar, as a share of the widest. */
export const MIN_WIDTH = 0.28

/** Bars scaled to the largest stage (the square root keeps a stage of 5 beside one of 500 visible). */
export function planFunnel(spec: FunnelChart): FunnelPlan {
  const max = Math.max(1, ...spec.stages.map(s => s.count))
  return {
    title: spec.title,
    subtitle: spec.subtitle ?? null,
    stages: spec.stages.map(s => ({
      width: MIN_WIDTH + (1 - MIN_WIDTH) * Math.sqrt(Math.max(0, s.count) / max),
      label: `${s.label} ${formatCount(s.count)} 人`,
      step: s.step,
    })),
    footnote: spec.footnote,
  }
}
