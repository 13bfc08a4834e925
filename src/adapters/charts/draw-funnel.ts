/** Draws the funnel plan: one centred bar per stage, the month's conversion in the gap between two bars. */
import type { FunnelPlan } from '../../domain/charts/funnel.js'
import { centredText, clear, drawHeader, INK, MUTED, type Frame } from './draw-common.js'

/** Stage colours from the first (prospects) to the last (loyal). */
const STAGE_COLORS = ['#8ab8e6', '#3d7bd9', '#2b6cb0', '#1b7f5b', '#163e6c']

export function drawFunnel(frame: Frame, plan: FunnelPlan): void {
  const { ctx, u, width, height } = frame
  clear(frame)
  const top = drawHeader(frame, plan.title, plan.subtitle) + 30 * u
  const bottom = height - 110 * u
  const n = Math.max(1, plan.stages.length)
  const gap = 96 * u
  const barH = Math.min(170 * u, (bottom - top - gap * (n - 1)) / n)
  const maxW = width - 2 * 80 * u
  plan.stages.forEach((stage, i) => {
    const y = top + i * (barH + gap)
    const w = stage.width * maxW
    ctx.fillStyle = STAGE_COLORS[Math.min(i, STAGE_COLORS.length - 1)]!
    ctx.beginPath()
    ctx.roundRect((width - w) / 2, y, w, barH, 14 * u)
    ctx.fill()
    const text = i === 0 ? INK : '#ffffff'
    centredText(frame, stage.label, width / 2, y + barH / 2, { size: 44 * u, min: 22 * u, maxWidth: w - 24 * u, color: text, weight: 'bold' })
    if (stage.step !== null && i > 0) centredText(frame, `↓ ${stage.step}`, width / 2, y - gap / 2, { size: 30 * u, min: 18 * u, maxWidth: maxW, color: MUTED })
  })
  centredText(frame, plan.footnote, width / 2, height - 56 * u, { size: 26 * u, min: 16 * u, maxWidth: width - 80 * u, color: MUTED })
}
