import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterFailure } from '../../../src/domain/outreach/outbox.js'
import { backoffMs, paceGapMs, underCap } from '../../../src/domain/outreach/pacing.js'
import { SendError, verdictOf } from '../../../src/domain/outreach/send-error.js'
import { anOutboxEntry } from '../../helpers/builders.js'

const gap = { minSeconds: 3, maxSeconds: 8 }
const retry = { maxAttempts: 3, firstDelaySeconds: 30, maxDelaySeconds: 100 }
const caps = { digest: 10, nudge: 2, reactivation: 50, invite: 0, perk: 50, alert: 100 }

describe('pacing', () => {
  it.each([[0, 3000], [0.5, 5500], [0.9999, 8000], [1.5, 8000], [-1, 3000]])('random %d gives a gap of %i ms', (r, ms) => {
    expect(paceGapMs(r, gap)).toBe(ms)
  })

  it('keeps every gap within [min, max] seconds', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (r) => {
      const ms = paceGapMs(r, gap)
      expect(ms).toBeGreaterThanOrEqual(3000)
      expect(ms).toBeLessThanOrEqual(8000)
    }))
  })

  it.each([
    ['nudge', {}, true], ['nudge', { nudge: 1 }, true], ['nudge', { nudge: 2 }, false], ['invite', {}, false], ['digest', { nudge: 9 }, true],
  ] as const)('%s after %j sent today: under the cap %s', (kind, sent, ok) => {
    expect(underCap(kind, sent, caps)).toBe(ok)
  })

  it.each([[1, 30_000], [2, 60_000], [3, 100_000], [10, 100_000]])('waits %i failures → %i ms (doubling, capped)', (failed, ms) => {
    expect(backoffMs(failed, retry)).toBe(ms)
  })
})

describe('after a failed send', () => {
  const sending = anOutboxEntry({ id: 'ob1', status: 'sending', attempts: 1 })
  const at = Date.parse('2026-11-23T02:00:00.000Z')

  it('plans a transient failure again after the back-off, and gives up after the last attempt', () => {
    expect(afterFailure(sending, 'retry', 'timeout', at, retry)).toMatchObject({ status: 'planned', attempts: 1, nextAttemptAt: '2026-11-23T02:00:30.000Z', lastError: 'timeout' })
    expect(afterFailure({ ...sending, attempts: 3 }, 'retry', 'timeout', at, retry)).toMatchObject({ status: 'failed', attempts: 3 })
  })

  it('drops a hopeless one, and puts a throttled one back as if not tried', () => {
    expect(afterFailure(sending, 'drop', 'contact not found', at, retry)).toMatchObject({ status: 'failed', lastError: 'contact not found' })
    expect(afterFailure(sending, 'stop', '操作过于频繁', at, retry)).toMatchObject({ status: 'planned', attempts: 0, nextAttemptAt: '2026-11-23T02:00:00.000Z' })
  })

  it.each([
    [new SendError('x', 'wx', 'drop'), 'drop'],
    [new Error('操作过于频繁，可稍后再试。'), 'stop'],
    [new Error('发送消息过于频繁，可稍后再试。'), 'stop'],
    [new Error('Too Frequent'), 'stop'],
    [new Error('14 UNAVAILABLE: connection refused'), 'retry'],
    ['odd', 'retry'],
  ])('reads %s as %s', (error, verdict) => {
    expect(verdictOf(error)).toBe(verdict)
  })
})
