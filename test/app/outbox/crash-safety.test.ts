/**
 * Crash safety of the outbox on a real database file: stop the app part-way through a batch (gently,
 * or in the middle of a send), start it again on the same file, and count at the chat port: every
 * planned message is sent exactly once in total.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { readDatabase } from '../../helpers/db.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openFileStore, type FileStore } from '../../../src/adapters/store/file-store.js'
import { parseConfig } from '../../../src/app/config.js'
import { planMessages } from '../../../src/app/outbox/plan-messages.js'
import { toSendPolicy } from '../../../src/app/outbox/policy.js'
import { createSendQueue, type SendQueue } from '../../../src/app/outbox/send-queue.js'
import { silentLogger } from '../../../src/domain/logger.js'
import type { OutboundKind, OutboundMessage } from '../../../src/domain/outreach/outbound.js'
import type { ChatPort } from '../../../src/domain/ports.js'

const T0 = Date.parse('2026-11-23T02:00:00.000Z') // 10:00 in Shanghai
const policy = toSendPolicy(parseConfig({ env: {} }))
const KINDS: OutboundKind[] = ['nudge', 'reactivation', 'perk']
const batch: OutboundMessage[] = Array.from({ length: 12 }, (_, i) => ({
  kind: KINDS[i % 3]!, to: { contactId: `wx-c${i}` }, text: `消息 ${i}`, dedupeKey: `${KINDS[i % 3]}:wx-c${i}:2026-11-23`,
}))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wxcrm-outbox-'))
  // Only the clock and the queue's timers are fake: file writes and group commit run for real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 })
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

/** Every text that reached WeChat, across both runs of the app. */
const delivered: string[] = []
afterEach(() => {
  delivered.length = 0
})

/** A chat port that records each send; the send numbered `hangAt` never finishes (the process dies in it). */
function chatDouble(hangAt = -1): ChatPort & { hung: Promise<void> } {
  let calls = 0
  let markHung = (): void => {}
  const hung = new Promise<void>(resolve => (markHung = resolve))
  const send = async (_to: string, text: string): Promise<void> => {
    delivered.push(text)
    if (calls++ === hangAt) {
      markHung()
      await new Promise(() => {})
    }
  }
  return { hung, sendText: send, reply: async (m, t) => send(m.senderId, t), sendFile: async () => {} }
}

async function startApp(file: string, chat: ChatPort): Promise<{ store: FileStore, queue: SendQueue }> {
  const store = await openFileStore({ file, today: () => '2026-11-23' })
  const queue = createSendQueue({ store, chat, clock: { now: () => new Date() }, random: Math.random, policy, logger: silentLogger, admins: () => [] })
  await queue.start()
  return { store, queue }
}

/** Lets time pass a second at a time until `done`, waiting for the real disk writes in between. */
async function runUntil(done: () => boolean, settle: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) {
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
  }
}

function sentOnce(): void {
  expect(delivered).toHaveLength(batch.length)
  expect(new Set(delivered)).toEqual(new Set(batch.map(m => m.text)))
}

describe('outbox crash safety (lowdb file in a temp dir)', () => {
  it('stopped part-way through a batch and started again, sends every planned message exactly once', async () => {
    const file = join(dir, 'db.json')
    const first = await startApp(file, chatDouble())
    planMessages(first.store, batch, new Date())
    await first.store.commit()
    first.queue.wake()
    await runUntil(() => delivered.length >= 5, () => first.queue.idle())
    await first.queue.close()
    await first.store.close()
    expect(delivered).toHaveLength(5)

    const second = await startApp(file, chatDouble())
    planMessages(second.store, batch, new Date()) // the job runs again after the restart: nothing new
    await second.store.commit()
    second.queue.wake()
    await runUntil(() => delivered.length >= batch.length, () => second.queue.idle())
    await vi.advanceTimersByTimeAsync(3_600_000)
    await second.queue.close()
    await second.store.close()
    sentOnce()
    const onDisk = readDatabase(file) as { outbox: { status: string }[] }
    expect(onDisk.outbox.map(e => e.status)).toEqual(batch.map(() => 'sent'))
  })

  it('killed in the middle of a send and started again, does not send that message a second time', async () => {
    const file = join(dir, 'db.json')
    const chat = chatDouble(4)
    const first = await startApp(file, chat)
    planMessages(first.store, batch, new Date())
    await first.store.commit()
    first.queue.wake()
    await runUntil(() => delivered.length >= 5, () => Promise.race([first.queue.idle(), chat.hung]))
    await chat.hung
    // The process dies here: the queue is never closed; only the file lock is let go.
    await first.store.close()
    const afterCrash = readDatabase(file) as { outbox: { status: string }[] }
    expect(afterCrash.outbox.map(e => e.status)).toEqual([...Array(4).fill('sent'), 'sending', ...Array(7).fill('planned')])

    const second = await startApp(file, chatDouble())
    await runUntil(() => delivered.length >= batch.length, () => second.queue.idle())
    await vi.advanceTimersByTimeAsync(3_600_000)
    await second.queue.close()
    sentOnce()
    expect(second.store.outbox.all().map(e => e.status)).toEqual(batch.map(() => 'sent'))
    expect(second.store.outbox.all()[4]!.lastError).toContain('不再重发')
    await second.store.close()
  })
})
