/** Shared drawing pieces: the frame, colours, fitted text and the title block. */
import type { SKRSContext2D } from '@napi-rs/canvas'
import type { Grade, GroupName } from '../../domain/types.js'
import { font } from './fonts.js'

/** A canvas context with its logical size; `u` scales every length from the 1080-px design. */
export interface Frame {
  ctx: SKRSContext2D
  width: number
  height: number
  u: number
}

export const INK = '#1f2933'
export const MUTED = '#616e7c'
export const GRID = '#e4e7eb'

/** Tier colours, dark (A, most valuable) to light (D), with a readable text colour on each. */
export const TIER_COLORS: Record<Grade, { fill: string, text: string }> = {
  A: { fill: '#163e6c', text: '#ffffff' },
  B: { fill: '#2b6cb0', text: '#ffffff' },
  C: { fill: '#8ab8e6', text: INK },
  D: { fill: '#d6e6f5', text: INK },
}

export const GROUP_COLORS: Record<GroupName, string> = {
  loyal: '#1b7f5b',
  fast_growing: '#f08c00',
  nurture: '#3d7bd9',
  dormant: '#a3acb5',
}

/** Largest font size from `size` down to `min` at which `text` fits `maxWidth`, or null. */
export function fitFontSize(ctx: SKRSContext2D, text: string, maxWidth: number, size: number, min: number, weight: 'normal' | 'bold' = 'normal'): number | null {
  for (let px = size; px >= min; px -= 1) {
    ctx.font = font(px, weight)
    if (ctx.measureText(text).width <= maxWidth) return px
  }
  return null
}

/** Draws `text` centred at (x, y) (middle baseline), shrinking it to fit `maxWidth`, never below `min`. */
export function centredText(frame: Frame, text: string, x: number, y: number, opts: { size: number, min: number, maxWidth: number, color: string, weight?: 'normal' | 'bold' }): void {
  const { ctx } = frame
  const px = fitFontSize(ctx, text, opts.maxWidth, opts.size, opts.min, opts.weight) ?? opts.min
  ctx.font = font(px, opts.weight)
  ctx.fillStyle = opts.color
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(text, x, y, opts.maxWidth)
}

/** White background. */
export function clear(frame: Frame): void {
  frame.ctx.fillStyle = '#ffffff'
  frame.ctx.fillRect(0, 0, frame.width, frame.height)
}

/** Title and optional subtitle at the top; returns the y where the content below may start. */
export function drawHeader(frame: Frame, title: string, subtitle: string | null): number {
  const { u, width } = frame
  const maxWidth = width - 2 * 48 * u
  centredText(frame, title, width / 2, 76 * u, { size: 50 * u, min: 30 * u, maxWidth, color: INK, weight: 'bold' })
  if (subtitle === null || subtitle === '') return 128 * u
  centredText(frame, subtitle, width / 2, 136 * u, { size: 30 * u, min: 20 * u, maxWidth, color: MUTED })
  return 180 * u
}
