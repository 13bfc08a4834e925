/** The ChartRenderer contract: every implementation must pass it (run by chart-renderers.test.ts). */
import { describe, expect, it } from 'vitest'
import type { ChartRenderer, ChartSpec } from '../../../src/domain/charts/specs.js'
import { pngSize } from './pixels.js'

const specs: ChartSpec[] = [
  { kind: 'tier-pyramid', title: '客户价值金字塔', tiers: [{ tier: 'A', customers: 2, profitFen: 10_000 }, { tier: 'D', customers: 9, profitFen: 900 }] },
  { kind: 'monthly-revenue', title: '月度营业额', months: [{ month: '2024-06', byGroup: { loyal: 100, fast_growing: 0, nurture: 0, dormant: 0 } }] },
  { kind: 'funnel', title: '客户漏斗', footnote: '沉睡客户 0 人另计', stages: [{ label: '潜在客户', count: 3, step: null }, { label: '新客户', count: 1, step: '本月 33%（1/3） · 上月 —' }] },
]

/** Runs the contract against a renderer; `size` is the PNG size it promises, null when it promises none. */
export function runChartRendererContract(name: string, create: () => ChartRenderer, size: { width: number, height: number } | null): void {
  describe(`ChartRenderer contract: ${name}`, () => {
    it.each(specs.map((s) => [s.kind, s] as const))('renders a %s as PNG bytes', async (_, spec) => {
      const png = await create().render(spec)
      expect(png).toBeInstanceOf(Uint8Array)
      const header = pngSize(png)
      if (size !== null) expect(header).toEqual(size)
      else expect(header.width * header.height).toBeGreaterThan(0)
    })

    it('renders the same spec twice without keeping state between calls', async () => {
      const renderer = create()
      const spec = specs[0] as ChartSpec
      expect(Buffer.from(await renderer.render(spec)).equals(Buffer.from(await renderer.render(spec)))).toBe(true)
    })
  })
}
