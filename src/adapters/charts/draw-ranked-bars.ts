/** Draws the ranked bars plan: a label column, a bar per row, the value after the bar. */
import type { RankedBarsPlan } from '../../domain/charts/ranked-bars.js'
import { centredText, clear, drawHeader, fitFontSize, INK, MUTED, type Frame } from './draw-common.js'
import { font } from './fonts.js'

const BAR = '#2b6cb0'

export function drawRankedBars(frame: Frame, plan: RankedBarsPlan): void {
  const { ctx, u, width, height } = frame
  clear(frame)
  const top = drawHeader(frame, plan.title, plan.subtitle) + 20 * u
  const bottom = height - 110 * u
  const labelW = 190 * u
  const x0 = 48 * u + labelW
  const valueW = 170 * u
  const maxBar = width - x0 - valueW - 48 * u
  const rows = Math.max(1, plan.bars.length)
  const rowH = Math.min(110 * u, (bottom - top) / rows)
  const barH = rowH * 0.62
  plan.bars.forEach((b, i) => {
    const yc = top + i * rowH + rowH / 2
    const px = fitFontSize(ctx, b.label, labelW - 16 * u, 36 * u, 18 * u, 'bold') ?? 18 * u
    ctx.font = font(px, 'bold')
    ctx.fillStyle = INK
    ctx.textAlign = 'right'
    ctx.textBaseline = 'middle'
    ctx.fillText(b.label, x0 - 16 * u, yc, labelW - 16 * u)
    const w = Math.max(4 * u, b.width * maxBar)
    ctx.fillStyle = BAR
    ctx.beginPath()
    ctx.roundRect(x0, yc - barH / 2, w, barH, 8 * u)
    ctx.fill()
    ctx.font = font(Math.min(32 * u, barH * 0.8))
    ctx.fillStyle = MUTED
    ctx.textAlign = 'left'
    ctx.fillText(b.value, x0 + w + 12 * u, yc, valueW)
  })
  centredText(frame, plan.footnote, width / 2, height - 56 * u, { size: 26 * u, min: 16 * u, maxWidth: width - 80 * u, color: MUTED })
}
