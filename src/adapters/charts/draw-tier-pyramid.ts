/** Draws the tier pyramid plan: two pyramids side by side, each band filled in its tier colour and labelled. */
import { bandWidthAt } from '../../domain/charts/geometry.js'
import type { PlannedBand, PlannedPyramid, TierPyramidPlan } from '../../domain/charts/tier-pyramid.js'
import { centredText, clear, drawHeader, fitFontSize, INK, MUTED, TIER_COLORS, type Frame } from './draw-common.js'
import { font } from './fonts.js'

interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Draws a whole TierPyramidChart onto the frame. */
export function drawTierPyramid(frame: Frame, plan: TierPyramidPlan): void {
  const { u, width, height } = frame
  clear(frame)
  const top = drawHeader(frame, plan.title, plan.subtitle)
  const margin = 40 * u
  const gap = 48 * u
  const colW = (width - 2 * margin - gap) / 2
  const pyramidTop = top + 116 * u
  const pyramidBottom = height - 100 * u
  const sides: [PlannedPyramid, number, 'left' | 'right'][] = [[plan.customers, margin, 'left'], [plan.profit, margin + colW + gap, 'right']]
  for (const [side, x, outer] of sides) {
    centredText(frame, side.heading, x + colW / 2, top + 28 * u, { size: 36 * u, min: 22 * u, maxWidth: colW, color: INK, weight: 'bold' })
    centredText(frame, side.total, x + colW / 2, top + 72 * u, { size: 28 * u, min: 18 * u, maxWidth: colW, color: MUTED })
    const box = { x, y: pyramidTop, w: colW, h: pyramidBottom - pyramidTop }
    for (const band of side.bands) drawBand(frame, box, band)
    for (const band of side.bands) labelBand(frame, box, band, outer)
  }
  centredText(frame, plan.footnote, width / 2, height - 48 * u, { size: 26 * u, min: 16 * u, maxWidth: width - 2 * margin, color: MUTED })
}

function drawBand(frame: Frame, box: Box, band: PlannedBand): void {
  const { ctx, u } = frame
  const cx = box.x + box.w / 2
  const y0 = box.y + band.y0 * box.h
  const y1 = box.y + band.y1 * box.h
  ctx.beginPath()
  ctx.moveTo(cx - (band.w0 * box.w) / 2, y0)
  ctx.lineTo(cx + (band.w0 * box.w) / 2, y0)
  ctx.lineTo(cx + (band.w1 * box.w) / 2, y1)
  ctx.lineTo(cx - (band.w1 * box.w) / 2, y1)
  ctx.closePath()
  ctx.fillStyle = TIER_COLORS[band.tier].fill
  ctx.fill()
  // A white seam between bands keeps light neighbours (C, D) apart.
  ctx.strokeStyle = '#ffffff'
  ctx.lineWidth = 4 * u
  ctx.stroke()
}

/** Label inside the band: one line if it fits comfortably, else two lines, else one small line, else outside. */
function labelBand(frame: Frame, box: Box, band: PlannedBand, outer: 'left' | 'right'): void {
  const { ctx, u } = frame
  const bandH = (band.y1 - band.y0) * box.h
  const yc = box.y + ((band.y0 + band.y1) / 2) * box.h
  const size = Math.min(32 * u, bandH / 1.4)
  const min = Math.min(18 * u, size)
  // The narrower of the two widths a block of text of height textH spans, less some padding.
  const inner = (textH: number): number => {
    const t = (yc - box.y) / box.h
    const dy = textH / 2 / box.h
    return Math.min(bandWidthAt(band, t - dy), bandWidthAt(band, t + dy)) * box.w - 28 * u
  }
  const cx = box.x + box.w / 2
  const color = TIER_COLORS[band.tier].text
  const line = (text: string, y: number, px: number, weight: 'normal' | 'bold', maxWidth: number): void =>
    centredText(frame, text, cx, y, { size: px, min: px, maxWidth, color, weight })
  const one = fitFontSize(ctx, band.label, inner(size * 1.2), size, Math.max(min, size * 0.75), 'bold')
  if (one !== null) {
    const detailPx = one * 0.75
    const withDetail = band.detail !== null && bandH >= (one + detailPx) * 1.5
    line(band.label, withDetail ? yc - detailPx * 0.65 : yc, one, 'bold', inner(one * 1.2))
    if (withDetail && band.detail !== null) line(band.detail, yc + one * 0.7, detailPx, 'normal', inner(one * 2.4))
    return
  }
  const twoSize = Math.min(size, bandH / 2.8)
  if (twoSize >= min) {
    const fits = band.labelLines.map((text) => fitFontSize(ctx, text, inner(twoSize * 2.4), twoSize, min, 'bold'))
    if (fits.every((px) => px !== null)) {
      const px = Math.min(...(fits as number[]))
      line(band.labelLines[0], yc - px * 0.62, px, 'bold', inner(px * 2.4))
      line(band.labelLines[1], yc + px * 0.62, px, 'bold', inner(px * 2.4))
      return
    }
  }
  const small = fitFontSize(ctx, band.label, inner(min * 1.2), min, min, 'bold')
  if (small !== null) line(band.label, yc, small, 'bold', inner(small * 1.2))
  else labelOutside(frame, box, band, outer, yc, min)
}

/** Too narrow inside: the label goes beside the band, on the outer side of its pyramid. */
function labelOutside(frame: Frame, box: Box, band: PlannedBand, outer: 'left' | 'right', yc: number, min: number): void {
  const { ctx, u } = frame
  const half = (bandWidthAt(band, (yc - box.y) / box.h) * box.w) / 2
  const edge = outer === 'left' ? box.x + box.w / 2 - half - 10 * u : box.x + box.w / 2 + half + 10 * u
  const room = outer === 'left' ? edge - 8 * u : frame.width - 8 * u - edge
  const px = fitFontSize(ctx, band.label, room, min, Math.max(1, min * 0.7), 'bold') ?? min * 0.7
  ctx.font = font(px, 'bold')
  ctx.fillStyle = INK
  ctx.textAlign = outer === 'left' ? 'right' : 'left'
  ctx.textBaseline = 'middle'
  ctx.fillText(band.label, edge, yc, room)
}
