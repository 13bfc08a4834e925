/** Figures for the load test: percentiles and memory trends. */

export interface MemorySample {
  at: number
  mb: number
}

/** The value at quantile `q` (0..1) of an ascending list (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Least-squares slope of mb over time, in MB per minute. */
export function slopePerMinute(samples: readonly MemorySample[]): number {
  const n = samples.length
  if (n < 2) return 0
  const t0 = samples[0]!.at
  const xs = samples.map(s => (s.at - t0) / 60_000)
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = samples.reduce((a, s) => a + s.mb, 0) / n
  let sxy = 0
  let sxx = 0
  for (const [i, s] of samples.entries()) {
    sxy += (xs[i]! - mx) * (s.mb - my)
    sxx += (xs[i]! - mx) ** 2
  }
  return sxx === 0 ? 0 : sxy / sxx
}

export interface MemoryTrend {
  first: number
  last: number
  max: number
  /** Slope over the second half of the run (after start-up, JIT warm-up and caches filling), MB/min. */
  slopePerMin: number
}

export function memoryTrend(samples: readonly MemorySample[]): MemoryTrend {
  const mbs = samples.map(s => s.mb)
  return {
    first: mbs[0] ?? NaN,
    last: mbs[mbs.length - 1] ?? NaN,
    max: Math.max(...mbs),
    slopePerMin: slopePerMinute(samples.slice(Math.floor(samples.length / 2))),
  }
}
