/** Draws the monthly revenue plan: legend, y axis in 元, one stacked column per month with its total on top. */
import type { MonthlyRevenuePlan } from '../../domain/charts/monthly-revenue.js'
import { centredText, clear, drawHeader, fitFontSize, GRID, GROUP_COLORS, INK, MUTED, type Frame } from './draw-common.js'
import { font } from './fonts.js'

/** Draws a whole MonthlyRevenueChart onto the frame. */
export function drawMonthlyRevenue(frame: Frame, plan: MonthlyRevenuePlan): void {
  const { ctx, u, width, height } = frame
  clear(frame)
  const margin = 40 * u
  const legendBottom = drawLegend(frame, plan, drawHeader(frame, plan.title, plan.subtitle) + 8 * u)
  ctx.font = font(24 * u)
  const axisW = Math.max(0, ...plan.ticks.map((t) => ctx.measureText(t.label).width)) + 16 * u
  const plot = { left: margin + axisW, right: width - margin, top: legendBottom + 72 * u, bottom: height - 120 * u }
  if (plan.ticks.length > 0) {
    ctx.fillStyle = MUTED
    ctx.textAlign = 'left'
    ctx.textBaseline = 'middle'
    ctx.fillText(plan.unit, margin, legendBottom + 34 * u)
  }
  const yOf = (fen: number): number => plot.bottom - (plan.maxFen > 0 ? fen / plan.maxFen : 0) * (plot.bottom - plot.top)
  for (const tick of plan.ticks) {
    const y = yOf(tick.fen)
    ctx.strokeStyle = tick.fen === 0 ? MUTED : GRID
    ctx.lineWidth = (tick.fen === 0 ? 2 : 1.5) * u
    ctx.beginPath()
    ctx.moveTo(plot.left, y)
    ctx.lineTo(plot.right, y)
    ctx.stroke()
    ctx.font = font(24 * u)
    ctx.fillStyle = MUTED
    ctx.textAlign = 'right'
    ctx.textBaseline = 'middle'
    ctx.fillText(tick.label, plot.left - 12 * u, y)
  }
  if (plan.empty !== null) {
    centredText(frame, plan.empty, (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, { size: 40 * u, min: 20 * u, maxWidth: plot.right - plot.left, color: MUTED })
    return
  }
  const pitch = (plot.right - plot.left) / plan.columns.length
  const barW = Math.min(pitch * 0.62, 140 * u)
  plan.columns.forEach((column, i) => {
    const cx = plot.left + pitch * (i + 0.5)
    for (const seg of column.segments) {
      if (seg.toFen <= seg.fromFen) continue
      const y0 = yOf(seg.toFen)
      const y1 = yOf(seg.fromFen)
      ctx.fillStyle = GROUP_COLORS[seg.group]
      ctx.fillRect(cx - barW / 2, y0, barW, y1 - y0)
      // Thin white seam so adjacent groups stay distinct even when a slice is tiny.
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(cx - barW / 2, y0, barW, Math.min(1.5 * u, (y1 - y0) / 3))
    }
    const totalPx = fitFontSize(ctx, column.total, pitch - 6 * u, 24 * u, 15 * u, 'bold')
    if (totalPx !== null) {
      ctx.font = font(totalPx, 'bold')
      ctx.fillStyle = INK
      ctx.textAlign = 'center'
      ctx.textBaseline = 'bottom'
      ctx.fillText(column.total, cx, yOf(column.totalFen) - 8 * u)
    }
    centredText(frame, column.month, cx, plot.bottom + 32 * u, { size: 26 * u, min: 16 * u, maxWidth: pitch - 4 * u, color: INK })
    if (column.year !== null) {
      centredText(frame, column.year, cx, plot.bottom + 66 * u, { size: 22 * u, min: 14 * u, maxWidth: Math.max(pitch, 90 * u), color: MUTED })
    }
  })
}

/** Swatch + name per group, in one row when it fits, else two; returns the y below the legend. */
function drawLegend(frame: Frame, plan: MonthlyRevenuePlan, top: number): number {
  const { ctx, u, width } = frame
  const swatch = 26 * u
  const spacing = 36 * u
  ctx.font = font(28 * u)
  const items = plan.legend.map((item) => ({ ...item, w: swatch + 10 * u + ctx.measureText(item.label).width }))
  const oneRow = items.reduce((a, it) => a + it.w, 0) + spacing * (items.length - 1) <= width - 80 * u
  const rows = oneRow ? [items] : [items.slice(0, 2), items.slice(2)]
  const rowH = 44 * u
  rows.forEach((row, r) => {
    const rowW = row.reduce((a, it) => a + it.w, 0) + spacing * (row.length - 1)
    let x = (width - rowW) / 2
    const y = top + rowH * (r + 0.5)
    for (const item of row) {
      ctx.fillStyle = GROUP_COLORS[item.group]
      ctx.fillRect(x, y - swatch / 2, swatch, swatch)
      ctx.font = font(28 * u)
      ctx.fillStyle = INK
      ctx.textAlign = 'left'
      ctx.textBaseline = 'middle'
      ctx.fillText(item.label, x + swatch + 10 * u, y)
      x += item.w + spacing
    }
  })
  return top + rowH * rows.length
}
