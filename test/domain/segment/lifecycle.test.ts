/** Lifecycle stages: the group decides 忠诚 and 沉睡, the orders that stood decide the rest. */
import { describe, expect, it } from 'vitest'
import { lifecycleStage } from '../../../src/domain/segment/lifecycle.js'

describe('lifecycleStage', () => {
  it.each([
    ['no order stood yet', null, 0, 'prospect'],
    ['one order', 'nurture', 1, 'new'],
    ['two orders', 'nurture', 2, 'returning'],
    ['one below the threshold', 'fast_growing', 9, 'returning'],
    ['at the threshold', 'nurture', 10, 'mature'],
    ['well past it', 'fast_growing', 40, 'mature'],
    ['loyal whatever the count', 'loyal', 3, 'loyal'],
    ['dormant whatever the count', 'dormant', 25, 'dormant'],
    ['dormant after one order', 'dormant', 1, 'dormant'],
  ] as const)('%s', (_, group, orders, stage) => {
    expect(lifecycleStage(group, orders, 10)).toBe(stage)
  })

  it('takes the mature threshold from the caller', () => {
    expect(lifecycleStage('nurture', 5, 5)).toBe('mature')
    expect(lifecycleStage('nurture', 4, 5)).toBe('returning')
  })
})
