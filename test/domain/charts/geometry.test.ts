import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bandWidthAt, niceTicks, pyramidBands, type PyramidBand } from '../../../src/domain/charts/geometry.js'

const area = (b: PyramidBand): number => ((b.w0 + b.w1) / 2) * (b.y1 - b.y0)

describe('niceTicks', () => {
  it.each([
    [0, [0, 2_000, 4_000, 6_000, 8_000, 10_000]],
    [Number.NaN, [0, 2_000, 4_000, 6_000, 8_000, 10_000]],
    [-5, [0, 2_000, 4_000, 6_000, 8_000, 10_000]],
    [150, [0, 100, 200]],
    [1_250_000, [0, 250_000, 500_000, 750_000, 1_000_000, 1_250_000]],
    [2_400_000, [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000]],
    [1_234_567_890, [0, 250_000_000, 500_000_000, 750_000_000, 1_000_000_000, 1_250_000_000]],
  ])('max %d fen → %j', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks)
  })

  it('always covers the maximum with 2 to 7 evenly spaced whole-fen ticks', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), (max) => {
      const ticks = niceTicks(max)
      expect(ticks[0]).toBe(0)
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max)
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      expect(ticks.length).toBeLessThanOrEqual(7)
      const step = (ticks[1] as number) - (ticks[0] as number)
      ticks.forEach((t, i) => {
        expect(Number.isInteger(t)).toBe(true)
        expect(t).toBe(i * step)
      })
    }))
  })
})

describe('pyramidBands', () => {
  const shape = { apexWidth: 0.38, minBandHeight: 0.12 }

  it('stacks bands from 0 to 1 with the apex on top, each at least the minimum height', () => {
    const bands = pyramidBands([12, 18, 18, 12], { inverted: false, ...shape })
    expect(bands[0]?.y0).toBe(0)
    expect(bands[3]?.y1).toBe(1)
    expect(bands[0]?.w0).toBeCloseTo(0.38)
    expect(bands[3]?.w1).toBeCloseTo(1)
    bands.forEach((b, i) => {
      expect(b.y1 - b.y0).toBeGreaterThanOrEqual(0.12 - 1e-12)
      expect(b.w1).toBeGreaterThan(b.w0)
      if (i > 0) expect(b.y0).toBe(bands[i - 1]?.y1)
    })
  })

  it('turns the inverted pyramid over: first band wide at the top, apex at the bottom', () => {
    const up = pyramidBands([4, 3, 2, 1], { inverted: false, ...shape })
    const down = pyramidBands([1, 2, 3, 4], { inverted: true, ...shape })
    expect(down[0]?.w0).toBeCloseTo(1)
    expect(down[3]?.w1).toBeCloseTo(0.38)
    down.forEach((b, i) => {
      const mirror = up[3 - i] as PyramidBand
      expect(b.y0).toBeCloseTo(1 - mirror.y1)
      expect(b.w0).toBeCloseTo(mirror.w1)
    })
  })

  it.each([
    [[12, 18, 18, 12], false], [[61, 26, 11, 2], true], [[1, 0, 0, 99], false], [[5, 5, 5, 5], true],
  ])('without a minimum height, band areas follow the shares %j (inverted: %s)', (shares, inverted) => {
    const bands = pyramidBands(shares, { inverted, apexWidth: 0.38, minBandHeight: 0 })
    const total = bands.reduce((a, b) => a + area(b), 0)
    const sum = shares.reduce((a, b) => a + b, 0)
    bands.forEach((b, i) => expect(area(b) / total).toBeCloseTo((shares[i] as number) / sum, 9))
  })

  it.each([[[0, 0, 0, 0]], [[-3, 0, Number.NaN, 0]]])('gives equal areas when nothing is positive: %j', (shares) => {
    const bands = pyramidBands(shares, { inverted: false, apexWidth: 0.38, minBandHeight: 0 })
    const total = bands.reduce((a, b) => a + area(b), 0)
    bands.forEach((b) => expect(area(b) / total).toBeCloseTo(0.25, 9))
  })

  it('keeps zero shares visible at the minimum height', () => {
    const bands = pyramidBands([0, 100, 0, 0], { inverted: true, ...shape })
    for (const i of [0, 2, 3]) expect((bands[i] as PyramidBand).y1 - (bands[i] as PyramidBand).y0).toBeCloseTo(0.12)
  })

  it('handles no bands, a sharp apex and a too large minimum', () => {
    expect(pyramidBands([], { inverted: false, ...shape })).toEqual([])
    expect(pyramidBands([1, 1], { inverted: false, apexWidth: 0, minBandHeight: 0 })[0]?.y1).toBeCloseTo(Math.SQRT1_2)
    const squeezed = pyramidBands([1, 0, 0], { inverted: false, apexWidth: 0.4, minBandHeight: 0.9 })
    squeezed.forEach((b) => expect(b.y1 - b.y0).toBeCloseTo(1 / 3))
  })

  it('interpolates the width inside a band', () => {
    const band = { y0: 0.2, y1: 0.6, w0: 0.5, w1: 0.9 }
    expect(bandWidthAt(band, 0.4)).toBeCloseTo(0.7)
    expect(bandWidthAt(band, 0)).toBeCloseTo(0.5)
    expect(bandWidthAt(band, 1)).toBeCloseTo(0.9)
  })
})
