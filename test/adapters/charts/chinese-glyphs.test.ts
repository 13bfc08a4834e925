/**
 * Are Chinese glyphs really drawn from the packaged font, not as empty "tofu" boxes?
 *
 * Method: each character is drawn alone, black on white, at 64 px in the chart family on a 96×96 canvas,
 * and thresholded into a 0/1 bitmap. A character the font lacks is drawn as the font's .notdef box, and that
 * box is the same bitmap for every missing character: the test first shows this with two code points the
 * font cannot have (U+20000 from CJK Extension B, U+E000 from the private use area). Then every character a
 * chart uses must (1) have ink — at least 80 dark pixels, (2) differ from the tofu bitmap and (3) differ from
 * every other character's bitmap, which a font drawing boxes could never do.
 */
import { GlobalFonts, createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { CHART_FONT, chartFontDir, ensureChartFont, font } from '../../../src/adapters/charts/fonts.js'
import { ink } from './pixels.js'

const SIZE = 96

function glyph(ch: string, weight: 'normal' | 'bold' = 'normal'): { bits: string, count: number } {
  const canvas = createCanvas(SIZE, SIZE)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, SIZE, SIZE)
  ctx.fillStyle = '#000000'
  ctx.font = font(64, weight)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(ch, SIZE / 2, SIZE / 2)
  return ink({ width: SIZE, data: ctx.getImageData(0, 0, SIZE, SIZE).data }, 0, 0, SIZE, SIZE)
}

// Every Chinese character the charts print, plus the digits and signs of amounts.
const CHARS = [...new Set([...'睡忠成诚快速长型值得重视培养眠级人占共合计利润贡献客户数量金额元万年月暂无据价由高到低色块面积对应比', ...'0123456789¥%'])]

describe('the packaged Chinese font', () => {
  it('comes from node_modules and registers under our family name', () => {
    expect(ensureChartFont()).toBe(CHART_FONT)
    expect(chartFontDir()).toMatch(/node_modules[\\/]@embedpdf[\\/]fonts-sc[\\/]/)
    expect(GlobalFonts.has(CHART_FONT)).toBe(true)
    const weights = GlobalFonts.families.find((f) => f.family === CHART_FONT)?.styles.map((s) => s.weight)
    expect(weights).toEqual(expect.arrayContaining([400, 700]))
  })

  it('draws the same box for characters it lacks (the tofu the other checks rule out)', () => {
    ensureChartFont()
    const tofu = glyph('\u{20000}')
    expect(tofu.count).toBeGreaterThan(0)
    expect(glyph('\uE000').bits).toBe(tofu.bits)
  })

  it.each(['normal', 'bold'] as const)('draws every chart character as a distinct glyph with ink (%s)', (weight) => {
    ensureChartFont()
    const tofu = glyph('\u{20000}', weight).bits
    const seen = new Map<string, string>()
    for (const ch of CHARS) {
      const { bits, count } = glyph(ch, weight)
      expect(count, `${ch} has ink`).toBeGreaterThanOrEqual(80)
      expect(bits === tofu, `${ch} is not tofu`).toBe(false)
      expect(seen.get(bits), `${ch} differs from the others`).toBeUndefined()
      seen.set(bits, ch)
    }
    expect(seen.size).toBe(CHARS.length)
  })

  it('draws bold heavier than regular', () => {
    ensureChartFont()
    expect(glyph('睡', 'bold').count).toBeGreaterThan(glyph('睡').count * 1.2)
  })
})
