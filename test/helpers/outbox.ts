/** Doubles and builders for outbox and send-queue tests. */
import type { OutboundMessage } from '../../src/domain/outreach/outbound.js'
import type { ChatPort, OutFile } from '../../src/domain/ports.js'

export interface ChatCall {
  to: string
  text: string | null
  file: string | null
  /** Fake-clock time of the call (ms). */
  at: number
  ok: boolean
}

/** A ChatPort that records every call; `fail` may return an error for a call to throw instead. */
export function recordingChat(fail?: (call: Omit<ChatCall, 'ok'>, index: number) => unknown): ChatPort & { calls: ChatCall[], delivered(): ChatCall[] } {
  const calls: ChatCall[] = []
  function record(to: string, text: string | null, file: OutFile | null): void {
    const call = { to, text, file: file?.name ?? null, at: Date.now() }
    const error = fail?.(call, calls.length)
    calls.push({ ...call, ok: error === undefined })
    if (error !== undefined) throw error
  }
  return {
    calls,
    delivered: () => calls.filter(c => c.ok),
    async reply(to, text) {
      record(to.roomId ?? to.senderId, text, null)
    },
    async sendText(to, text) {
      record(to, text, null)
    },
    async sendFile(to, file) {
      record(to, null, file)
    },
  }
}

/** `n` nudges to different agents, keyed for one day. */
export function nudges(n: number, day = '2026-11-23', from = 0): OutboundMessage[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k
    return { kind: 'nudge', to: { contactId: `wx-a${i}` }, text: `提醒 ${i}`, dedupeKey: `nudge:wx-a${i}:${day}` }
  })
}
