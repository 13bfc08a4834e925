/** Layout-free plan of the ranked bars chart: at most MAX_BARS bars, largest first, widths relative to the largest. */
import { formatCount } from './format.js'
import type { RankedBarsChart } from './specs.js'

export const MAX_BARS = 12

export interface RankedBarsPlan {
  title: string
  subtitle: string | null
  bars: { label: string, width: number, value: string }[]
  footnote: string
}

export function planRankedBars(spec: RankedBarsChart): RankedBarsPlan {
  const bars = [...spec.bars].sort((a, b) => b.value - a.value).slice(0, MAX_BARS)
  const max = Math.max(1, ...bars.map(b => b.value))
  return {
    title: spec.title,
    subtitle: spec.subtitle ?? null,
    bars: bars.map(b => ({ label: b.label, width: Math.max(0, b.value) / max, value: `${formatCount(b.value)} ${spec.unit}` })),
    footnote: spec.footnote,
  }
}
