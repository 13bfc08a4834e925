import { expect, it } from 'vitest'
import { createMemoryChartRenderer } from '../../../src/adapters/charts/memory-renderer.js'
import { createPngRenderer } from '../../../src/adapters/charts/png-renderer.js'
import { runChartRendererContract } from './chart-renderer.case.js'

runChartRendererContract('png (canvas)', () => createPngRenderer(), { width: 1080, height: 1350 })
runChartRendererContract('png (canvas, 540×540 at 2×)', () => createPngRenderer({ width: 540, height: 540, scale: 2 }), { width: 1080, height: 1080 })
runChartRendererContract('memory', () => createMemoryChartRenderer(), null)

it('memory renderer records what it was asked to draw', async () => {
  const renderer = createMemoryChartRenderer()
  await renderer.render({ kind: 'monthly-revenue', title: '月度营业额', months: [] })
  expect(renderer.rendered.map((s) => s.kind)).toEqual(['monthly-revenue'])
})
