/**
 * A small table-driven benchmark harness: each case has an untimed setup and a timed function, run
 * after warm-ups; results are printed as one Markdown table and, with --json, as one JSON object on the
 * last line. Kept out of `npm test` on purpose: wall times are never asserted.
 */
import { performance } from 'node:perf_hooks'

/** One measured figure. `setup` builds deterministic input (not timed); `run` is what is timed. */
export interface BenchCase<T = unknown> {
  /** Figure name, e.g. `classify_100k_s`; the unit suffix (`_s`, `_ms`) sets the reported unit. */
  name: string
  description: string
  /** Upper bound the figure should stay under, in the figure's unit. */
  target?: number
  /** Included in `--quick` runs. */
  quick: boolean
  warmup: number
  runs: number
  setup: () => T
  run: (data: T) => unknown
}

export interface CaseResult {
  name: string
  description: string
  unit: 's' | 'ms'
  median: number
  min: number
  target: number | null
  ok: boolean | null
  runs: number
  samplesMs: number[]
}

export interface BenchReport {
  results: CaseResult[]
  peakRssMb: number
}

/** Keeps the type of a case's setup data attached to its run function. */
export function defineCase<T>(c: BenchCase<T>): BenchCase<unknown> {
  return c as BenchCase<unknown>
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
}

/** Runs the cases in order; `log` receives progress lines (stderr by default, so --json stays clean). */
export function runCases(cases: readonly BenchCase[], log: (line: string) => void): BenchReport {
  const results: CaseResult[] = []
  for (const c of cases) {
    log(`${c.name}: setup…`)
    const data = c.setup()
    for (let i = 0; i < c.warmup; i++) c.run(data)
    const samplesMs: number[] = []
    for (let i = 0; i < c.runs; i++) {
      collect()
      const t0 = performance.now()
      c.run(data)
      samplesMs.push(performance.now() - t0)
    }
    const unit = c.name.endsWith('_s') ? 's' : 'ms'
    const scale = unit === 's' ? 1e-3 : 1
    const med = median(samplesMs) * scale
    results.push({
      name: c.name,
      description: c.description,
      unit,
      median: med,
      min: Math.min(...samplesMs) * scale,
      target: c.target ?? null,
      ok: c.target === undefined ? null : med <= c.target,
      runs: c.runs,
      samplesMs: samplesMs.map(v => Math.round(v * 10) / 10),
    })
    log(`${c.name}: median ${med.toFixed(3)} ${unit} (${samplesMs.map(v => v.toFixed(0)).join(', ')} ms)`)
  }
  return { results, peakRssMb: process.resourceUsage().maxRSS / 1024 }
}

const fmt = (v: number, unit: string): string => (unit === 's' ? v.toFixed(3) : v.toFixed(1))

/** The report as one Markdown table. */
export function markdownTable(report: BenchReport): string {
  const rows = report.results.map(r => {
    const target = r.target === null ? '—' : `≤ ${fmt(r.target, r.unit)} ${r.unit}`
    const verdict = r.ok === null ? '' : r.ok ? 'ok' : 'OVER'
    return `| ${r.name} | ${r.description} | ${fmt(r.median, r.unit)} ${r.unit} | ${fmt(r.min, r.unit)} ${r.unit} | ${r.runs} | ${target} | ${verdict} |`
  })
  return [
    '| figure | what | median | min | runs | target | |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows,
    `| peak_rss_mb | process peak RSS (maxRSS), setup data included | ${report.peakRssMb.toFixed(0)} MB | | | — | |`,
  ].join('\n')
}

/** The report as one JSON object: every figure by name (median, in its unit), plus the details. */
export function jsonLine(report: BenchReport, meta: Record<string, unknown>): string {
  const figures: Record<string, number> = {}
  for (const r of report.results) figures[r.name] = Number(r.median.toFixed(r.unit === 's' ? 4 : 2))
  figures.peak_rss_mb = Math.round(report.peakRssMb)
  const cases = Object.fromEntries(report.results.map(r => [r.name, {
    median: r.median, min: r.min, unit: r.unit, target: r.target, ok: r.ok, runs: r.runs, samples_ms: r.samplesMs,
  }]))
  return JSON.stringify({ ...figures, cases, ...meta })
}
