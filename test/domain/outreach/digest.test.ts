/** The digest planner on plain data: one message per admin per day, the text, the chart reference. */
import { describe, expect, it } from 'vitest'
import { formatPlan } from '../../../src/domain/outreach/format-plan.js'
import { planDigest, type DigestFacts } from '../../../src/domain/outreach/digest.js'

const facts: DigestFacts = {
  today: '2026-11-23',
  newDormant: ['王五', '赵六'],
  newGrowing: [],
  atRisk: { count: 7, top: ['甲', '乙', '丙', '丁', '戊'] },
  yesterday: { date: '2026-11-22', orders: 3, revenueFen: 129_800 },
}

describe('planDigest', () => {
  it.each([
    ['no admins: nothing', [], false, []],
    ['one admin: one message', ['wx-boss'], false, ['digest:wx-boss:2026-11-23']],
    ['the same admin twice (bound and configured): once', ['wx-boss', 'wx-boss'], false, ['digest:wx-boss:2026-11-23']],
    ['two admins: one each', ['wx-boss', 'wx-mgr'], true, ['digest:wx-boss:2026-11-23', 'digest:wx-mgr:2026-11-23']],
  ] as const)('%s', (_, admins, chart, keys) => {
    expect(planDigest({ facts, admins, chart }).map(m => m.dedupeKey)).toEqual(keys)
  })

  it('attaches the pyramid by reference only when a renderer is there', () => {
    expect(planDigest({ facts, admins: ['wx-boss'], chart: true })[0]!.file).toEqual({ name: '客户金字塔-2026-11-23.png', ref: 'chart:pyramid:2026-11-23' })
    expect(planDigest({ facts, admins: ['wx-boss'], chart: false })[0]!.file).toBeUndefined()
  })

  it('reads as a plan', () => {
    expect(formatPlan(planDigest({ facts, admins: ['wx-boss'], chart: true }), { nameOf: () => '老板' })).toMatchSnapshot()
  })
})
