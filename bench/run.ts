/**
 * `npm run bench [-- --quick] [-- --json]`: every case in a process of its own (so each peak RSS is
 * that case's own), one table at the end; with --json, the figures as one JSON object on the last line.
 * --quick runs the smaller cases only, for a smoke test. Wall times are never asserted in `npm test`.
 */
import { spawn } from 'node:child_process'
import { cpus } from 'node:os'
import { CASES, type Figure } from './all-cases.js'

const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const json = args.has('--json')
const only = process.argv.slice(2).filter(a => !a.startsWith('--'))
// A group's cases (the PostgreSQL ones, which start a server and build large databases) run when it is named.
const selected = CASES.filter(c => (!quick || c.quick) && (only.length === 0 ? c.group === undefined : only.includes(c.name) || (c.group !== undefined && only.includes(c.group))))

interface CaseResult { name: string, figures: Figure[], peakRssMb: number, seconds: number, baseline: boolean }

function runCase(name: string): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', 'bench/case.ts', name, ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.on('error', reject)
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0) return reject(new Error(`case ${name} failed (exit ${code})`))
      const parsed = JSON.parse(last) as { figures: Figure[], peakRssMb: number }
      resolve({ name, ...parsed, seconds: (Date.now() - started) / 1000, baseline: CASES.find(c => c.name === name)?.baseline ?? false })
    })
  })
}

const results: CaseResult[] = []
const failed: string[] = []
for (const c of selected) {
  process.stderr.write(`${c.name}…\n`)
  try {
    const r = await runCase(c.name)
    for (const f of r.figures) process.stderr.write(`  ${f.name}: ${fmt(f.value)} ${f.unit}\n`)
    results.push(r)
  }
  catch (error) {
    // One case failing must not hide the others' figures; the run still ends with a failure code.
    process.stderr.write(`  ${String(error)}\n`)
    failed.push(c.name)
  }
}

function fmt(v: number): string {
  if (v >= 1000) return Math.round(v).toLocaleString('en-US')
  if (v >= 10) return v.toFixed(1)
  return v.toFixed(3)
}

function verdict(f: Figure): string {
  if (!f.target) return ''
  const ok = f.target.better === 'higher' ? f.value >= f.target.value : f.value <= f.target.value
  return ok ? 'ok' : 'MISSED'
}

const rows: string[] = []
for (const r of results) {
  for (const f of r.figures) {
    const base = f.baseline ? `${fmt(f.baseline.value)} ${f.unit} (${f.baseline.what})` : '—'
    const ratio = f.baseline ? `${fmt(f.value / f.baseline.value)}×` : ''
    const target = f.target ? `${f.target.better === 'higher' ? '≥' : '≤'} ${fmt(f.target.value)} ${f.unit}` : '—'
    rows.push(`| ${f.name} | ${f.what} | ${fmt(f.value)} ${f.unit} | ${base} | ${ratio} | ${target} | ${verdict(f)} | ${Math.round(r.peakRssMb)} MB |`)
  }
}
const figures: Record<string, number> = {}
for (const r of results) for (const f of r.figures) figures[f.name] = Number(f.value.toFixed(f.value >= 100 ? 0 : 3))
const naive1m = figures.naive_acked_per_s_1m
if (figures.ingest_acked_per_s_1m !== undefined && naive1m) figures.ingest_vs_naive_ratio = Math.round(figures.ingest_acked_per_s_1m / naive1m)
else {
  const r10k = results.flatMap(r => r.figures).find(f => f.name === 'ingest_acked_per_s_10k')
  if (r10k?.baseline) figures.ingest_vs_naive_ratio = Math.round(r10k.value / r10k.baseline.value)
}
figures.peak_rss_mb = Math.round(Math.max(0, ...results.filter(r => !r.baseline).map(r => r.peakRssMb)))

console.log([
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}${quick ? ', --quick' : ''}`,
  '',
  '| figure | what | value | baseline (same run) | ratio | target | | peak RSS |',
  '|---|---|---:|---|---:|---|---|---:|',
  ...rows,
  ...(figures.ingest_vs_naive_ratio !== undefined ? [`| ingest_vs_naive_ratio | ingest against the naive per-order write${naive1m ? ', 1M stored' : ', 10k stored'} | ${figures.ingest_vs_naive_ratio}× | | | ≥ 50× | ${figures.ingest_vs_naive_ratio >= 50 ? 'ok' : 'MISSED'} | |`] : []),
  `| peak_rss_mb | highest peak RSS of any wxcrm case (baseline-only cases not counted) | ${figures.peak_rss_mb} MB | | | ≤ 1,536 MB | ${figures.peak_rss_mb <= 1536 ? 'ok' : 'MISSED'} | |`,
].join('\n'))
if (failed.length > 0) console.log(`\nFailed cases: ${failed.join(', ')}`)
if (json) console.log(JSON.stringify({ ...figures, node: process.version, quick, failed, cases: results }))
if (failed.length > 0) process.exitCode = 1
