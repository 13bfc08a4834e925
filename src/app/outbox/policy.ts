/** The `sending` section of the configuration, as the send queue uses it. */
import type { DailyCaps, GapRange, RetryPolicy } from '../../domain/outreach/pacing.js'
import { parseClockTime, type QuietWindow } from '../../domain/outreach/quiet-hours.js'
import type { Config } from '../config.js'

export interface SendPolicy {
  /** The merchant's timezone: quiet hours and daily caps follow its clock and calendar. */
  timezone: string
  gap: GapRange
  caps: DailyCaps
  quiet: QuietWindow
  retry: RetryPolicy
}

/** Builds the send policy from a checked configuration. */
export function toSendPolicy(config: Pick<Config, 'sending' | 'timezone'>): SendPolicy {
  const s = config.sending
  return {
    timezone: config.timezone,
    gap: { minSeconds: s.gapSeconds.min, maxSeconds: s.gapSeconds.max },
    caps: { ...s.dailyCaps },
    // The config schema checked both times, so they parse.
    quiet: { start: parseClockTime(s.quietHours.start) ?? 0, end: parseClockTime(s.quietHours.end) ?? 0 },
    retry: { ...s.retry },
  }
}
