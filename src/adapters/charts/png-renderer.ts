/** ChartRenderer drawing with @napi-rs/canvas (Skia) and the packaged Chinese font; no system fonts, no network. */
import { createCanvas } from '@napi-rs/canvas'
import { planFunnel } from '../../domain/charts/funnel.js'
import { planMonthlyRevenue } from '../../domain/charts/monthly-revenue.js'
import { planRankedBars } from '../../domain/charts/ranked-bars.js'
import type { ChartRenderer, ChartSpec } from '../../domain/charts/specs.js'
import { planTierPyramid } from '../../domain/charts/tier-pyramid.js'
import type { Frame } from './draw-common.js'
import { drawFunnel } from './draw-funnel.js'
import { drawMonthlyRevenue } from './draw-monthly-revenue.js'
import { drawRankedBars } from './draw-ranked-bars.js'
import { drawTierPyramid } from './draw-tier-pyramid.js'
import { ensureChartFont } from './fonts.js'

/** Image size: `width`×`height` is the layout size, the PNG has `scale` times as many pixels each way. */
export interface PngRendererOptions {
  width?: number
  height?: number
  scale?: number
}

/** Portrait 4:5, which fills a phone screen in WeChat's image viewer. */
const DEFAULTS = { width: 1080, height: 1350, scale: 1 }

/** Creates a renderer that returns PNG bytes; the font is registered on first use. */
export function createPngRenderer(options: PngRendererOptions = {}): ChartRenderer {
  const width = options.width ?? DEFAULTS.width
  const height = options.height ?? DEFAULTS.height
  const scale = options.scale ?? DEFAULTS.scale
  for (const [name, value] of Object.entries({ width, height, scale })) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`chart ${name} must be a positive number, got ${value}`)
  }
  return {
    async render(spec: ChartSpec): Promise<Uint8Array> {
      ensureChartFont()
      const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale))
      const ctx = canvas.getContext('2d')
      ctx.scale(scale, scale)
      const frame: Frame = { ctx, width, height, u: Math.min(width, height) / 1080 }
      switch (spec.kind) {
        case 'tier-pyramid':
          drawTierPyramid(frame, planTierPyramid(spec))
          break
        case 'monthly-revenue':
          drawMonthlyRevenue(frame, planMonthlyRevenue(spec))
          break
        case 'funnel':
          drawFunnel(frame, planFunnel(spec))
          break
        case 'ranked-bars':
          drawRankedBars(frame, planRankedBars(spec))
          break
      }
      return canvas.encode('png')
    },
  }
}
