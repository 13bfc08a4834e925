/** The four groups: one line per case, each boundary of ANALYTICS.md §8 on both sides. */
import { describe, expect, it } from 'vitest'
import { assignGroup, type Group } from '../../../src/domain/segment/groups.js'
import { DEFAULT_POLICY } from '../../../src/domain/segment/policy.js'
import { MERCHANT, summaryOf } from './helpers.js'

type Case = [label: string, ages: number[], yuan: number | number[], pAlive: number | null, expected: number | null, f: number, group: Group, atRisk: boolean, reason: RegExp]

const CASES: Case[] = [
  ['model says gone', [200, 170, 140], 100, 0.1, 0.2, 3, 'dormant', false, /^平均每\d+天复购一次，已140天未下单，仍活跃概率10%$/],
  ['P(alive) exactly at the threshold is not dormant', [100, 70, 40], 100, 0.5, 0.5, 3, 'nurture', true, /还没到忠诚客户的频次[\s\S]*活跃概率降到50%/],
  ['P(alive) just under the threshold is dormant', [100, 70, 40], 100, 0.49, 0.5, 3, 'dormant', false, /仍活跃概率49%$/],
  ['silent far past own rhythm (no model)', [100, 90, 80, 70], 100, null, null, 4, 'dormant', false, /已70天未下单，超过平时间隔的3\.9倍/],
  ['far past rhythm but under 45 days silent', [50, 45, 40, 35], 100, null, null, 4, 'nurture', false, /已复购3次/],
  ['twice the rhythm and 45 days silent', [80, 75, 70, 65, 45], 100, null, null, 4, 'dormant', false, /已45天未下单，超过平时间隔的2\.\d倍/],
  ['a 90-day buyer at day 60 is not dormant', [240, 150, 60], 100, 0.8, 1, 3, 'nurture', false, /^已复购2次，平均每60天一次/],
  ['a weekly buyer silent a month is dormant', [93, 86, 79, 72, 65, 58, 51, 44, 37, 30], 100, 0.08, 0.1, 5, 'dormant', false, /^平均每11天复购一次，已30天未下单，仍活跃概率8%$/],
  ['one order, past the second-order cut-off', [120], 100, 1, null, 1, 'dormant', false, /^只下过一单，已120天没有再买（超过90天没有回购）$/],
  ['one order, at the cut-off', [90], 100, 1, null, 1, 'nurture', false, /^只下过一单（90天前），还在等下一次购买$/],
  ['new customer', [10], 100, 1, null, 1, 'nurture', false, /^新客户：首单在10天前，共1单$/],
  ['new today', [0], 100, 1, null, 1, 'nurture', false, /^新客户：今天刚下第一单$/],
  ['new with a second order, at 30 days', [30, 5], 100, 0.9, 1, 2, 'nurture', false, /新客户：首单在30天前，共2单/],
  ['low expected purchases', [100, 50], 100, 0.5, 0.03, 2, 'dormant', false, /^预计未来90天下单0\.03次，已50天未下单$/],
  ['spend up sharply', [300, 150, 60, 20], [100, 100, 1000, 1000], 0.9, 2, 4, 'fast_growing', false, /^近90天消费¥2,000，是前90天的5\.8倍$/],
  ['growth just under 1.5 is not fast-growing', [300, 150, 60, 20], [100, 100, 140, 140], 0.9, 2, 4, 'loyal', false, /已复购3次/],
  ['growth needs P(alive) ≥ 0.7', [300, 150, 60, 20], [100, 100, 1000, 1000], 0.65, 2, 4, 'nurture', true, /^已复购3次，但最近下单变少，仍活跃概率65%；活跃概率降到65%，需要跟进$/],
  ['regular and frequent', [150, 120, 90, 60, 30], 100, 0.9, 2, 4, 'loyal', false, /^已复购4次，平均每\d+天一次，仍活跃概率90%$/],
  ['regular but not yet frequent', [100, 50], 100, 0.9, 1, 2, 'nurture', false, /已复购1次/],
  ['frequent but fading', [150, 120, 90, 60, 30], 100, 0.55, 1, 4, 'nurture', true, /^已复购4次，但最近下单变少，仍活跃概率55%；活跃概率降到55%，需要跟进$/],
]

describe('assignGroup', () => {
  it.each(CASES)('%s', (_label, ages, yuan, pAlive, expected, f, group, atRisk, reason) => {
    const r = assignGroup({ summary: summaryOf(ages, yuan), rfm: { r: 3, f, m: 3 }, pAlive, expected }, MERCHANT, DEFAULT_POLICY)
    expect(r.group).toBe(group)
    expect(r.atRisk).toBe(atRisk)
    expect(r.reasons.join('；')).toMatch(reason)
  })

  it('is deterministic', () => {
    const input = { summary: summaryOf([200, 100, 50]), rfm: { r: 3, f: 3, m: 3 }, pAlive: 0.5, expected: 0.4 }
    expect(assignGroup(input, MERCHANT, DEFAULT_POLICY)).toEqual(assignGroup(input, MERCHANT, DEFAULT_POLICY))
  })
})
