/** The funnel chart's plan: bar widths by stage size, never too narrow for a label. */
import { describe, expect, it } from 'vitest'
import { MIN_WIDTH, planFunnel } from '../../../src/domain/charts/funnel.js'
import type { FunnelChart } from '../../../src/domain/charts/specs.js'

const spec = (counts: number[]): FunnelChart => ({ kind: 'funnel', title: '客户漏斗', footnote: '', stages: counts.map((count, i) => ({ label: `第${i + 1}步`, count, step: i === 0 ? null : '本月 10%' })) })

describe('planFunnel', () => {
  it('gives the largest stage the full width and the others less, by the square root of their share', () => {
    const plan = planFunnel(spec([100, 25, 0]))
    expect(plan.stages.map(s => s.width)).toEqual([1, MIN_WIDTH + (1 - MIN_WIDTH) * 0.5, MIN_WIDTH])
    expect(plan.stages.map(s => s.label)).toEqual(['第1步 100 人', '第2步 25 人', '第3步 0 人'])
  })

  it('draws an empty funnel with every bar at the narrowest width', () => {
    expect(planFunnel(spec([0, 0])).stages.map(s => s.width)).toEqual([MIN_WIDTH, MIN_WIDTH])
  })
})
