import { describe, expect, it } from 'vitest'
import { planMonthlyRevenue } from '../../../src/domain/charts/monthly-revenue.js'
import type { MonthRevenue, TierFigures } from '../../../src/domain/charts/specs.js'
import { planTierPyramid, tiersInOrder } from '../../../src/domain/charts/tier-pyramid.js'

const tiers: TierFigures[] = [
  { tier: 'A', customers: 12, profitFen: 2_340_000 },
  { tier: 'B', customers: 18, profitFen: 980_000 },
  { tier: 'C', customers: 18, profitFen: 420_000 },
  { tier: 'D', customers: 12, profitFen: 96_000 },
]
const pyramid = (t: TierFigures[]) => planTierPyramid({ kind: 'tier-pyramid', title: '客户价值金字塔', tiers: t })
const month = (m: string, loyal: number, fast = 0, nurture = 0, dormant = 0): MonthRevenue =>
  ({ month: m, byGroup: { loyal, fast_growing: fast, nurture, dormant } })
const monthly = (months: MonthRevenue[]) => planMonthlyRevenue({ kind: 'monthly-revenue', title: '月度营业额', months })

describe('planTierPyramid', () => {
  it('labels every band and both totals', () => {
    const plan = pyramid(tiers)
    expect(plan.customers.bands.map((b) => b.label)).toEqual(['A 级 12 人', 'B 级 18 人', 'C 级 18 人', 'D 级 12 人'])
    expect(plan.customers.bands.map((b) => b.detail)).toEqual(['占 20%', '占 30%', '占 30%', '占 20%'])
    expect(plan.profit.bands.map((b) => b.label)).toEqual(['¥23,400（61%）', '¥9,800（26%）', '¥4,200（11%）', '¥960（2%）'])
    expect(plan.profit.bands[0]?.labelLines).toEqual(['¥23,400', '（61%）'])
    expect([plan.customers.total, plan.profit.total]).toEqual(['共 60 人', '合计 ¥38,360'])
    expect(plan.subtitle).toBeNull()
  })

  it('draws customers narrow at the top and profit wide at the top', () => {
    const plan = pyramid(tiers)
    const [a, , , d] = plan.customers.bands
    expect(a?.w0).toBeLessThan(d?.w1 as number)
    expect(plan.profit.bands[0]?.w0).toBeCloseTo(1)
    expect(plan.profit.bands[3]?.w1).toBeLessThan(plan.profit.bands[0]?.w0 as number)
  })

  it.each([
    ['zero customers in a tier', [{ tier: 'B', customers: 0, profitFen: 0 }, { tier: 'A', customers: 3, profitFen: 100 }], 'B 级 0 人', '¥0（0%）'],
    ['all-zero profit', tiers.map((t) => ({ ...t, profitFen: 0 })), 'B 级 18 人', '¥0（0%）'],
    ['no tiers at all', [], 'B 级 0 人', '¥0（0%）'],
    ['very large amounts', [{ tier: 'B', customers: 56_789, profitFen: 1_234_567_890 }], 'B 级 56,789 人', '¥12,345,679（100%）'],
  ] as [string, TierFigures[], string, string][])('%s', (_, input, customerLabel, profitLabel) => {
    const plan = pyramid(input)
    expect(plan.customers.bands[1]?.label).toBe(customerLabel)
    expect(plan.profit.bands[1]?.label).toBe(profitLabel)
    for (const band of [...plan.customers.bands, ...plan.profit.bands]) {
      for (const v of [band.y0, band.y1, band.w0, band.w1]) expect(Number.isFinite(v)).toBe(true)
    }
  })

  it('orders tiers A..D, adding duplicates and filling missing ones', () => {
    expect(tiersInOrder([{ tier: 'C', customers: 2, profitFen: 5 }, { tier: 'A', customers: 1, profitFen: 1 }, { tier: 'C', customers: 3, profitFen: 5 }]))
      .toEqual([
        { tier: 'A', customers: 1, profitFen: 1 }, { tier: 'B', customers: 0, profitFen: 0 },
        { tier: 'C', customers: 5, profitFen: 10 }, { tier: 'D', customers: 0, profitFen: 0 },
      ])
  })
})

describe('planMonthlyRevenue', () => {
  it('has the legend in Chinese, in stacking order', () => {
    expect(monthly([]).legend.map((l) => l.label)).toEqual(['忠诚型', '快速成长型', '值得重视培养', '睡眠型'])
  })

  it('stacks loyal at the bottom and labels the total', () => {
    const plan = monthly([month('2024-06', 1_000_000, 500_000, 200_000, 100_000)])
    const column = plan.columns[0]
    expect(column?.segments.map((s) => [s.group, s.fromFen, s.toFen])).toEqual([
      ['loyal', 0, 1_000_000], ['fast_growing', 1_000_000, 1_500_000], ['nurture', 1_500_000, 1_700_000], ['dormant', 1_700_000, 1_800_000],
    ])
    expect([column?.month, column?.year, column?.total]).toEqual(['6月', '2024年', '¥1.8万'])
    expect(plan.ticks.map((t) => t.label)).toEqual(['¥0', '¥5,000', '¥1万', '¥1.5万', '¥2万'])
    expect(plan.maxFen).toBe(2_000_000)
  })

  it('puts 12 months in order, the year under the first column and January', () => {
    const months = Array.from({ length: 12 }, (_, i) => month(`${i < 6 ? 2023 : 2024}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`, 100_000 * (i + 1)))
    const plan = monthly([...months].reverse())
    expect(plan.columns.map((c) => c.month)).toEqual(['7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月', '4月', '5月', '6月'])
    expect(plan.columns.map((c) => c.year).filter((y) => y !== null)).toEqual(['2023年', '2024年'])
    expect(plan.columns[11]?.total).toBe('¥1.2万')
  })

  it.each([
    ['a month with no revenue', [month('2024-05', 0), month('2024-06', 300_000)], 0, '¥0'],
    ['only empty months', [month('2024-05', 0)], 0, '¥0'],
    ['net refunds drawn as zero', [month('2024-05', -50_000, 20_000)], 0, '¥200'],
    ['very large amounts', [month('2024-05', 1_234_567_890)], 0, '¥1,234.6万'],
  ])('%s', (_, months, index, total) => {
    const plan = monthly(months)
    expect(plan.columns[index]?.total).toBe(total)
    expect(plan.maxFen).toBeGreaterThanOrEqual(Math.max(...plan.columns.map((c) => c.totalFen)))
    expect(plan.maxFen).toBeGreaterThan(0)
    expect(plan.empty).toBeNull()
  })

  it('says there is no data when there is no month', () => {
    const plan = monthly([])
    expect([plan.empty, plan.ticks, plan.columns]).toEqual(['暂无数据', [], []])
  })
})
