import { describe, expect, it } from 'vitest'
import {
  formatCount, formatPercent, formatWholeYuan, formatYuanShort, monthLabel, profitShareLines, roundPercents, tierCustomersLines,
} from '../../../src/domain/charts/format.js'

describe('chart number formatting', () => {
  it.each([
    [0, 2, '¥0'], [250, 2, '¥2.50'], [9_999, 2, '¥99.99'], [10_000, 2, '¥100'], [500_000, 2, '¥5,000'],
    [842_050, 2, '¥8,421'], [999_950, 2, '¥1万'], [1_000_000, 2, '¥1万'], [1_250_000, 2, '¥1.25万'],
    [2_400_000, 1, '¥2.4万'], [1_234_567_890, 2, '¥1,234.57万'], [1_234_567_890, 1, '¥1,234.6万'],
    [-1_500_000, 2, '-¥1.5万'], [-500, 2, '-¥5'],
  ])('formatYuanShort(%i, %i) = %s', (fen, decimals, text) => {
    expect(formatYuanShort(fen, decimals)).toBe(text)
  })

  it.each([
    [2_340_000, '¥23,400'], [2_340_050, '¥23,401'], [1_234_567_890, '¥12,345,679'], [0, '¥0'], [49, '¥0'], [50, '¥1'], [-120_000, '-¥1,200'],
  ])('formatWholeYuan(%i) = %s', (fen, text) => {
    expect(formatWholeYuan(fen)).toBe(text)
  })

  it.each([[0, '0'], [12, '12'], [1234, '1,234'], [56_789, '56,789'], [-3, '-3']])('formatCount(%i) = %s', (n, text) => {
    expect(formatCount(n)).toBe(text)
  })

  it.each([
    [[12, 18, 18, 12], [20, 30, 30, 20]],
    [[2_340_000, 980_000, 420_000, 96_000], [61, 26, 11, 2]],
    [[1, 1, 1], [34, 33, 33]],
    [[0, 0, 0, 0], [0, 0, 0, 0]],
    [[1, 99_999], [0, 100]],
    [[-5, 10], [0, 100]],
    [[Number.NaN, 1], [0, 100]],
    [[], []],
  ])('roundPercents(%j) = %j', (values, percents) => {
    expect(roundPercents(values)).toEqual(percents)
    if (values.some((v) => v > 0)) expect(percents.reduce((a, b) => a + b, 0)).toBe(100)
  })

  it.each([[61, 1, '61%'], [0, 5, '<1%'], [0, 0, '0%'], [0, -5, '0%'], [100, 1, '100%']])('formatPercent(%i, %i) = %s', (p, value, text) => {
    expect(formatPercent(p, value)).toBe(text)
  })
})

describe('chart labels', () => {
  it.each([
    ['A', 12, 'A 级 12 人'], ['B', 0, 'B 级 0 人'], ['D', 56_789, 'D 级 56,789 人'],
  ] as const)('tier %s with %i customers reads %s', (tier, n, text) => {
    expect(tierCustomersLines(tier, n).join(' ')).toBe(text)
  })

  it.each([
    [2_340_000, 61, '¥23,400（61%）'], [0, 0, '¥0（0%）'], [12_000, 0, '¥120（<1%）'], [1_234_567_890, 100, '¥12,345,679（100%）'],
  ])('profit %i at %i%% reads %s', (fen, pct, text) => {
    expect(profitShareLines(fen, pct).join('')).toBe(text)
  })

  it.each([
    ['2024-03', false, '3月', null], ['2024-03', true, '3月', '2024年'], ['2025-01', false, '1月', '2025年'],
    ['2024-12', false, '12月', null], ['2024年3月', true, '2024年3月', null],
  ])('month %s (first: %s) is %s / %s', (month, first, text, year) => {
    expect(monthLabel(month, first)).toEqual({ month: text, year })
  })
})
