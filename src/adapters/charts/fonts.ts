/**
 * The chart font, shipped in node_modules (@embedpdf/fonts-sc: Noto Sans Hans, all of GB2312 plus digits
 * and ¥) and registered under our own family name, so text never depends on the machine's fonts.
 */
import { GlobalFonts } from '@napi-rs/canvas'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Family name to use in every `ctx.font`. */
export const CHART_FONT = 'WxcrmSans'

const FILES = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'] as const

let registered = false

/** Directory holding the packaged OTF files; the package's exports hide them, so go from its entry point. */
export function chartFontDir(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')
  return join(dirname(entry), '..', 'fonts')
}

/** Registers the regular and bold weights once per process and returns the family name. */
export function ensureChartFont(): string {
  if (registered) return CHART_FONT
  const dir = chartFontDir()
  for (const file of FILES) {
    if (GlobalFonts.registerFromPath(join(dir, file), CHART_FONT) === null) {
      throw new Error(`chart font could not be loaded: ${join(dir, file)}`)
    }
  }
  if (!GlobalFonts.has(CHART_FONT)) throw new Error(`chart font ${CHART_FONT} is not registered`)
  registered = true
  return CHART_FONT
}

/** A CSS font string in the chart family: `font(28)`, `font(40, 'bold')`. */
export function font(px: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${Math.max(1, Math.round(px * 10) / 10)}px ${CHART_FONT}`
}
