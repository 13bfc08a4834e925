/**
 * Pacing rules for the one global send queue (WECHATY.md §6.6): random gaps between messages, daily
 * caps per kind, exponential back-off for retries. Randomness and counts are passed in.
 */
import type { OutboundKind } from './outbound.js'

export interface GapRange {
  minSeconds: number
  maxSeconds: number
}

/** A gap in whole milliseconds in [min, max] seconds, from `random` in [0, 1). */
export function paceGapMs(random: number, gap: GapRange): number {
  const r = Math.min(Math.max(random, 0), 1)
  return Math.round((gap.minSeconds + r * (gap.maxSeconds - gap.minSeconds)) * 1000)
}

/** Most messages of each kind sent per local day. */
export type DailyCaps = Record<OutboundKind, number>

/** Whether one more message of `kind` fits under today's cap, given what was sent today. */
export function underCap(kind: OutboundKind, sentToday: Partial<Record<OutboundKind, number>>, caps: DailyCaps): boolean {
  return (sentToday[kind] ?? 0) < caps[kind]
}

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number
  firstDelaySeconds: number
  maxDelaySeconds: number
}

/** Wait before attempt `failed + 1` after `failed` failed attempts: first · 2^(failed−1), capped. */
export function backoffMs(failed: number, policy: RetryPolicy): number {
  const seconds = policy.firstDelaySeconds * 2 ** Math.max(0, failed - 1)
  return Math.min(seconds, policy.maxDelaySeconds) * 1000
}
