/**
 * Classification through the paths a user takes: the CDNOW log imported with `wxcrm import`, then
 * `wxcrm fit` and `wxcrm classify`; the nightly reclassify use case; small merchants.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import stringWidth from 'string-width'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCsvRows } from '../../src/adapters/csv.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { importOrders } from '../../src/app/io/import-orders.js'
import { classifyStore, reclassify } from '../../src/app/segments/reclassify.js'
import { DEFAULT_POLICY } from '../../src/domain/segment/policy.js'
import type { Store } from '../../src/domain/ports.js'

const CDNOW = 'test/fixtures/cdnow_sample_transactions.csv'
const cli = (args: string[]): string => execFileSync('npx', ['tsx', 'src/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', WXCRM_CONFIG: '' } })

describe('CDNOW through the command line', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'wxcrm-cdnow-')), 'db.json')
  beforeAll(() => {
    cli(['import', CDNOW, '--db', db, '--customer', 'id', '--date', 'date', '--amount', 'dollars', '--qty', 'cds'])
  }, 180_000)

  it('fits the published BG/NBD and Gamma-Gamma parameters (Fader, Hardie & Lee 2005)', () => {
    const fit = JSON.parse(cli(['fit', '--db', db, '--as-of', '1997-09-30', '--json']))
    expect(fit.method).toBe('mle')
    expect(fit.customers).toBe(2357)
    const { r, alpha, a, b, logLik } = fit.bgnbd
    // Days in the bot; the paper is in weeks: only alpha scales (×7), and LL shifts by Σx·ln 7.
    const classified = cli(['classify', '--db', db, '--as-of', '1997-09-30', '--json']).trim().split('\n').map(l => JSON.parse(l))
    const sumX = classified.reduce((s: number, c: { x: number }) => s + c.x, 0)
    expect(r.toFixed(3)).toBe('0.243')
    expect((alpha / 7).toFixed(3)).toBe('4.414')
    expect(a.toFixed(3)).toBe('0.793')
    expect(b.toFixed(3)).toBe('2.426')
    expect((logLik + sumX * Math.log(7)).toFixed(1)).toBe('-9582.4')
    expect(fit.bgnbd).toMatchObject({ timeUnit: 'days', repeatPurchases: sumX })
    expect(fit.bgnbd.logLikWeeks.toFixed(1)).toBe('-9582.4')
    expect(fit.bgnbd.alphaWeeks.toFixed(3)).toBe('4.414')
    expect(fit.spend.method).toBe('gamma-gamma')
    expect([fit.spend.p.toFixed(2), fit.spend.q.toFixed(2), fit.spend.gamma.toFixed(2)]).toEqual(['6.25', '3.74', '15.44'])
  }, 180_000)

  it('says in which unit of time each log-likelihood is, next to the published one in weeks', () => {
    const text = cli(['fit', '--db', db, '--as-of', '1997-09-30'])
    expect(text).toMatch(/alpha = 30\.89\d* 天（4\.41\d* 周）/)
    expect(text).toMatch(/对数似然（按天计）= -14363\.5\d*；按周计 = -9582\.4\d*（文献如 Fader、Hardie、Lee 2005 按周计；两者相差 Σx·ln7，Σx = 2457 次复购）/)
  }, 180_000)

  it('classifies every customer once, with the documented fields and Chinese reasons', () => {
    const lines = cli(['classify', '--db', db, '--as-of', '1997-09-30', '--json']).trim().split('\n').map(l => JSON.parse(l))
    expect(lines).toHaveLength(2357)
    expect(new Set(lines.map(l => l.customer)).size).toBe(2357)
    for (const l of lines) {
      expect(['loyal', 'fast_growing', 'dormant', 'nurture']).toContain(l.group)
      expect(['A', 'B', 'C', 'D']).toContain(l.tier)
      expect(['A', 'B', 'C', 'D']).toContain(l.credit)
      expect(l.pAlive).toBeGreaterThanOrEqual(0)
      expect(l.pAlive).toBeLessThanOrEqual(1)
      expect(l.expectedPurchases90d).toBeGreaterThanOrEqual(0)
      expect(l.tx).toBeLessThanOrEqual(l.T)
      expect(l.reasons.length).toBeGreaterThanOrEqual(3)
    }
    const first = lines.find(l => l.externalId === '1')
    expect(first).toMatchObject({ x: 2, tx: 213, T: 272 })
    expect(first.reasons[0]).toMatch(/已复购2次/)
    const table = cli(['classify', '--db', db, '--as-of', '1997-09-30'])
    expect(table).toMatch(/忠诚型[\s\S]*快速成长型[\s\S]*值得重视培养[\s\S]*睡眠型[\s\S]*合计\s+\d+\s+\d+\s+\d+\s+\d+\s+2357/)
  }, 180_000)

  it('prints the counts table with its columns lined up under Chinese labels', () => {
    const lines = cli(['classify', '--db', db, '--as-of', '1997-09-30']).trimEnd().split('\n').slice(1)
    expect(lines.map(l => l.split(/\s+/)[0])).toEqual(['分组', '忠诚型', '快速成长型', '值得重视培养', '睡眠型', '合计'])
    // Where each cell ends on screen (a Chinese character is two columns wide): the same on every line.
    const cellEnds = (line: string): number[] => [...line.matchAll(/\S+/g)].map(m => stringWidth(line.slice(0, m.index + m[0].length)))
    const header = cellEnds(lines[0]!)
    for (const line of lines) {
      expect(stringWidth(line)).toBe(stringWidth(lines[0]!))
      expect(cellEnds(line).slice(1)).toEqual(header.slice(1))
    }
  }, 180_000)
})

async function cdnowStore(customers: number): Promise<Store> {
  const store = createMemoryStore()
  const { rows } = await readCsvRows(CDNOW)
  importOrders(store, rows.filter(r => Number(r.values.id) <= customers), { mapping: { customer: 'id', date: 'date', amount: 'dollars', qty: 'cds' }, now: new Date('2026-01-01T00:00:00Z') })
  return store
}

describe('small merchants', () => {
  it.each([30, 100])('gives %i customers finite parameters through the fallback and a full classification', async (n) => {
    const store = await cdnowStore(n)
    const c = classifyStore(store, '1997-09-30', DEFAULT_POLICY)
    expect(c.customers).toHaveLength(n)
    expect(['map', 'map-strong']).toContain(c.models.method)
    const p = c.models.bgnbd!.params
    for (const v of [p.r, p.alpha, p.a, p.b]) {
      expect(Number.isFinite(v)).toBe(true)
      expect(v).toBeGreaterThan(0)
      expect(v).toBeLessThan(1e3)
    }
    // One-order customers are dormant only by the one-order rule.
    for (const x of c.customers.filter(x => x.summary.x === 0 && x.group === 'dormant')) expect(x.reasons[0]).toMatch(/^只下过一单/)
  })

  it('falls back to rules without a model for a handful of customers', async () => {
    const store = await cdnowStore(8)
    const c = classifyStore(store, '1997-09-30', DEFAULT_POLICY)
    expect(c.models.method).toBe('rules')
    expect(c.customers.every(x => x.pAlive === null)).toBe(true)
    expect(c.customers).toHaveLength(8)
  })

  it('gives the same answer for the same data', async () => {
    const store = await cdnowStore(100)
    const strip = (c: ReturnType<typeof classifyStore>) => c.customers.map(x => [x.customerId, x.group, x.tier, x.credit, x.pAlive, x.reasons])
    expect(strip(classifyStore(store, '1997-09-30', DEFAULT_POLICY))).toEqual(strip(classifyStore(store, '1997-09-30', DEFAULT_POLICY)))
  })
})

describe('reclassify', () => {
  it('stores segments, records who changed group, and keeps a snapshot per run', async () => {
    const store = await cdnowStore(300)
    const first = await reclassify(store, '1997-06-30', DEFAULT_POLICY, new Date('1997-06-30T18:00:00Z'))
    expect(first.transitions).toHaveLength(300)
    expect(first.transitions.every(t => t.from === null)).toBe(true)
    expect(store.segments.all()).toHaveLength(300)
    const second = await reclassify(store, '1997-09-30', DEFAULT_POLICY, new Date('1997-09-30T18:00:00Z'))
    const becameDormant = second.transitions.filter(t => t.to === 'dormant')
    expect(becameDormant.length).toBeGreaterThan(0)
    expect(store.transitions.on('1997-09-30')).toEqual(second.transitions)
    for (const t of becameDormant) expect(store.segments.get(t.customerId)).toMatchObject({ group: 'dormant', since: '1997-09-30' })
    const stayed = store.segments.all().find(s => !second.transitions.some(t => t.customerId === s.customerId))!
    expect(stayed.since).toBe('1997-06-30')
    expect(store.snapshots.all().map(s => s.asOf)).toEqual(['1997-06-30', '1997-09-30'])
    const counts = second.snapshot.groups
    expect(counts.loyal + counts.fast_growing + counts.dormant + counts.nurture).toBe(300)
  })
})
