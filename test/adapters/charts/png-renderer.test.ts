import { describe, expect, it } from 'vitest'
import { createPngRenderer } from '../../../src/adapters/charts/png-renderer.js'
import type { ChartSpec, MonthRevenue, TierFigures } from '../../../src/domain/charts/specs.js'
import { decode, ink, pngSize } from './pixels.js'

const tiers: TierFigures[] = [
  { tier: 'A', customers: 12, profitFen: 2_340_000 },
  { tier: 'B', customers: 18, profitFen: 980_000 },
  { tier: 'C', customers: 18, profitFen: 420_000 },
  { tier: 'D', customers: 12, profitFen: 96_000 },
]
const month = (m: string, loyal: number, fast = 0, nurture = 0, dormant = 0): MonthRevenue =>
  ({ month: m, byGroup: { loyal, fast_growing: fast, nurture, dormant } })
const twelve = Array.from({ length: 12 }, (_, i) => month(`2024-${String(i + 1).padStart(2, '0')}`, 800_000 + 50_000 * i, 200_000, 150_000, 40_000))
const pyramid = (t: TierFigures[], title = '客户价值金字塔'): ChartSpec => ({ kind: 'tier-pyramid', title, subtitle: '截至 2024年6月30日', tiers: t })
const monthly = (months: MonthRevenue[], title = '月度营业额'): ChartSpec => ({ kind: 'monthly-revenue', title, months })
const provinces = ['广东', '浙江', '上海', '江苏', '四川', '湖南', '北京', '福建', '湖北', '山东', '河南', '黑龙江', '内蒙古']
const bars = (n: number, title = '客户地区分布'): ChartSpec => ({ kind: 'ranked-bars', title, unit: '人', footnote: '地址未知 3 人', bars: provinces.slice(0, n).map((label, i) => ({ label, value: 100 - i * 7 })) })
const funnel = (counts: number[], title = '客户漏斗'): ChartSpec => ({
  kind: 'funnel', title, subtitle: '全部客户 · 截至 2026-11-23', footnote: '沉睡客户 40 人另计',
  stages: ['潜在客户', '新客户', '老客户', '忠诚客户'].map((label, i) => ({ label, count: counts[i] ?? 0, step: i === 0 ? null : '本月 20%（3/15） · 上月 10%' })),
})

const renderer = createPngRenderer()

describe('createPngRenderer', () => {
  it.each([['tier pyramid', pyramid(tiers)], ['monthly revenue', monthly(twelve)], ['funnel', funnel([12, 35, 140, 58])], ['ranked bars', bars(6)]])('renders the %s as a 1080×1350 PNG by default', async (_, spec) => {
    const png = await renderer.render(spec)
    expect(pngSize(png)).toEqual({ width: 1080, height: 1350 })
    const image = await decode(png)
    expect([image.width, image.height]).toEqual([1080, 1350])
  })

  it.each([
    [{ width: 1080, height: 1080 }, 1080, 1080],
    [{ width: 540, height: 675, scale: 2 }, 1080, 1350],
    [{ width: 800, height: 600, scale: 1.5 }, 1200, 900],
    [{ width: 320, height: 320 }, 320, 320],
    [{ width: 1600, height: 900 }, 1600, 900],
  ])('honours size options %j', async (options, width, height) => {
    const r = createPngRenderer(options)
    expect(pngSize(await r.render(pyramid(tiers)))).toEqual({ width, height })
    expect(pngSize(await r.render(monthly(twelve)))).toEqual({ width, height })
  })

  it.each([{ width: 0 }, { height: -1 }, { scale: Number.NaN }])('rejects %j', (options) => {
    expect(() => createPngRenderer(options)).toThrow(RangeError)
  })

  it.each([
    ['zero customers in a tier', pyramid([{ tier: 'A', customers: 3, profitFen: 90_000 }, { tier: 'B', customers: 0, profitFen: 0 }, { tier: 'D', customers: 40, profitFen: 10_000 }])],
    ['all-zero profit', pyramid(tiers.map((t) => ({ ...t, profitFen: 0 })))],
    ['no tiers', pyramid([])],
    ['very large amounts in the pyramid', pyramid([{ tier: 'A', customers: 56_789, profitFen: 1_234_567_890 }, { tier: 'D', customers: 1, profitFen: 5_000 }])],
    ['a negative profit tier', pyramid([...tiers.slice(0, 3), { tier: 'D', customers: 12, profitFen: -50_000 }])],
    ['one month', monthly([month('2024-06', 12_345_678)])],
    ['twelve months', monthly(twelve)],
    ['a month with no revenue', monthly([month('2024-05', 0), month('2024-06', 300_000, 100_000)])],
    ['very large amounts by month', monthly([month('2024-05', 1_234_567_890, 1_234_567_890), month('2024-06', 1)])],
    ['no months', monthly([])],
    ['a very long title', pyramid(tiers, '客户价值金字塔'.repeat(8))],
    ['an empty funnel', funnel([0, 0, 0, 0])],
    ['a funnel with one huge stage', funnel([1, 2, 250_000, 3])],
    ['no bars', bars(0)],
    ['more bars than fit', bars(13)],
  ])('renders %s without error', async (_, spec) => {
    expect(pngSize(await renderer.render(spec))).toEqual({ width: 1080, height: 1350 })
  })

  // The title is centred on y = 76 at 50 px; the band 30..115 holds nothing else (subtitle starts below 120).
  const titleInk = async (spec: ChartSpec) => ink(await decode(await renderer.render(spec)), 0, 30, 1080, 85, 100)

  it.each([
    ['tier pyramid', (title: string) => pyramid(tiers, title)],
    ['monthly revenue', (title: string) => monthly(twelve, title)],
    ['funnel', (title: string) => funnel([12, 35, 140, 58], title)],
    ['ranked bars', (title: string) => bars(6, title)],
  ])('draws the %s title in ink, and nothing there without a title', async (_, make) => {
    const titled = await titleInk(make('客户价值金字塔'))
    expect(titled.count).toBeGreaterThan(3000)
    expect((await titleInk(make(''))).count).toBe(0)
    expect((await titleInk(make('月度营业额'))).bits).not.toBe(titled.bits)
  })
})
