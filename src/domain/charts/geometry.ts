/** Shapes in unit coordinates (0..1), so the renderer only scales them to pixels. */

/** One horizontal band of a pyramid: top and bottom edge heights (0 = top) and the width at each edge. */
export interface PyramidBand {
  y0: number
  y1: number
  w0: number
  w1: number
}

/** How a pyramid is drawn. */
export interface PyramidOptions {
  /** Apex at the bottom (wide top), as for the profit "inverted pyramid". */
  inverted: boolean
  /** Width of the flat apex relative to the base (0: a sharp point). */
  apexWidth: number
  /** Smallest band height, so a band of zero share still has room for its label. */
  minBandHeight: number
}

/** Width of an apex-up trapezoid at height y. */
function widthAt(y: number, apex: number): number {
  return apex + (1 - apex) * y
}

/** Height y where the area of an apex-up trapezoid above y is `area` (solves a y + (1 − a) y² / 2 = area). */
function heightForArea(area: number, apex: number): number {
  if (apex >= 1) return area
  return (-apex + Math.sqrt(apex * apex + 2 * (1 - apex) * area)) / (1 - apex)
}

/**
 * Bands of a trapezoid pyramid, first share at the apex end (top, or bottom when inverted): each band's area
 * follows its share, then heights are blended with `minBandHeight` so tiny and zero shares stay visible.
 * All-zero (or negative) shares give equal areas.
 */
export function pyramidBands(shares: readonly number[], options: PyramidOptions): PyramidBand[] {
  const n = shares.length
  if (n === 0) return []
  const apex = Math.min(1, Math.max(0, options.apexWidth))
  const min = Math.min(1 / n, Math.max(0, options.minBandHeight))
  const parts = shares.map((s) => (Number.isFinite(s) && s > 0 ? s : 0))
  const total = parts.reduce((a, b) => a + b, 0)
  const fractions = total > 0 ? parts.map((p) => p / total) : parts.map(() => 1 / n)
  // Order from the apex: the inverted pyramid is the upright one turned over.
  const fromApex = options.inverted ? [...fractions].reverse() : fractions
  const fullArea = (1 + apex) / 2
  let cumulative = 0
  let previous = 0
  const heights = fromApex.map((f) => {
    cumulative += f
    const y = heightForArea(Math.min(1, cumulative) * fullArea, apex)
    const h = y - previous
    previous = y
    return min + (1 - n * min) * h
  })
  let y = 0
  const upright = heights.map((h, i) => {
    const y0 = y
    y = i === n - 1 ? 1 : y + h
    return { y0, y1: y, w0: widthAt(y0, apex), w1: widthAt(y, apex) }
  })
  if (!options.inverted) return upright
  return upright.reverse().map((b) => ({ y0: 1 - b.y1, y1: 1 - b.y0, w0: b.w1, w1: b.w0 }))
}

/** Width of a band at height y inside it (linear between its edges). */
export function bandWidthAt(band: PyramidBand, y: number): number {
  const span = band.y1 - band.y0
  if (span <= 0) return Math.min(band.w0, band.w1)
  const t = Math.min(1, Math.max(0, (y - band.y0) / span))
  return band.w0 + (band.w1 - band.w0) * t
}

const NICE_STEPS = [1, 2, 2.5, 5, 10]

/**
 * Axis ticks in fen from 0 to the first round value ≥ maxFen, about `target` intervals of 1, 2, 2.5 or 5
 * × 10ⁿ yuan (never below ¥1); an empty or all-zero series gets 0..¥100.
 */
export function niceTicks(maxFen: number, target = 5): number[] {
  const max = Number.isFinite(maxFen) && maxFen > 0 ? maxFen : 10_000
  const raw = max / Math.max(1, target)
  const magnitude = Math.max(100, 10 ** Math.floor(Math.log10(raw)))
  const step = (NICE_STEPS.map((s) => s * magnitude).find((s) => s >= raw) ?? 10 * magnitude)
  const count = Math.max(1, Math.ceil(max / step - 1e-9))
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step))
}
