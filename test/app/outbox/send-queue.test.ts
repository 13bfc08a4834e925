import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore } from '../../../src/adapters/store/memory-store.js'
import { parseConfig } from '../../../src/app/config.js'
import { planMessages } from '../../../src/app/outbox/plan-messages.js'
import { toSendPolicy, type SendPolicy } from '../../../src/app/outbox/policy.js'
import { inviteMessage } from '../../../src/domain/outreach/invite.js'
import { createSendQueue } from '../../../src/app/outbox/send-queue.js'
import { silentLogger } from '../../../src/domain/logger.js'
import type { OutboundMessage } from '../../../src/domain/outreach/outbound.js'
import { SendError } from '../../../src/domain/outreach/send-error.js'
import type { ChatPort, Store } from '../../../src/domain/ports.js'
import { anOutboxEntry } from '../../helpers/builders.js'
import { nudges, recordingChat } from '../../helpers/outbox.js'

const T0 = Date.parse('2026-11-23T02:00:00.000Z') // 10:00 in Shanghai
const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const basePolicy = toSendPolicy(parseConfig({ env: {} }))

function setup(over: { store?: Store, chat?: ChatPort & { calls: unknown[] }, random?: () => number, policy?: Partial<SendPolicy>, loadFile?: boolean, online?: () => boolean } = {}) {
  const store = over.store ?? createMemoryStore()
  const chat = (over.chat ?? recordingChat()) as ReturnType<typeof recordingChat>
  const stops: string[] = []
  const queue = createSendQueue({
    store, chat, clock: { now: () => new Date() }, random: over.random ?? (() => 0), logger: silentLogger,
    policy: { ...basePolicy, ...over.policy }, admins: () => ['wx-boss'], onStopped: r => stops.push(r),
    loadFile: over.loadFile ? async f => ({ name: f.name, bytes: new Uint8Array([1, 2, 3]) }) : undefined,
    online: over.online,
  })
  async function plan(messages: OutboundMessage[]) {
    const r = planMessages(store, messages, new Date())
    await store.commit()
    queue.wake()
    return r
  }
  const toAgents = () => chat.delivered().filter(c => c.to !== 'wx-boss')
  const alerts = () => chat.delivered().filter(c => c.to === 'wx-boss')
  return { store, chat, queue, plan, stops, toAgents, alerts }
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('send queue: pacing', () => {
  it('sends due messages in the order planned, one at a time, with a random gap within [min, max]', async () => {
    const randoms = [0, 0.999, 0.5, 0.25]
    const { queue, plan, chat, store } = setup({ random: () => randoms.shift() ?? 0 })
    await plan(nudges(5))
    await queue.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    const sent = chat.delivered()
    expect(sent.map(c => c.to)).toEqual(['wx-a0', 'wx-a1', 'wx-a2', 'wx-a3', 'wx-a4'])
    expect(sent[0]!.at).toBe(T0)
    expect(sent.slice(1).map((c, i) => c.at - sent[i]!.at)).toEqual([3000, 7995, 5500, 4250])
    expect(store.outbox.all().every(e => e.status === 'sent' && e.attempts === 1)).toBe(true)
  })

  it('keeps gaps within bounds whatever the random numbers, also for messages planned while it waits', async () => {
    const { queue, plan, chat } = setup({ random: Math.random, policy: { gap: { minSeconds: 3, maxSeconds: 8 } } })
    await plan(nudges(10))
    await queue.start()
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    await plan(nudges(10, '2026-11-23', 10))
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    const at = chat.delivered().map(c => c.at)
    expect(at).toHaveLength(20)
    for (let i = 1; i < at.length; i++) {
      expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(3000)
      expect(at[i]! - at[i - 1]!).toBeLessThanOrEqual(8000)
    }
  })

  it('plans a dedupe key once: the same batch planned twice is sent once', async () => {
    const { queue, plan, chat } = setup()
    expect((await plan(nudges(3))).added).toHaveLength(3)
    expect(await plan(nudges(3))).toMatchObject({ added: [], duplicates: 3 })
    await queue.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(chat.delivered()).toHaveLength(3)
  })
})

describe('send queue: daily caps and quiet hours', () => {
  it('stops each kind at its daily cap and sends the rest the next local day, after quiet hours', async () => {
    const { queue, plan, chat, store } = setup({ policy: { caps: { ...basePolicy.caps, nudge: 2 } } })
    const digest: OutboundMessage = { kind: 'digest', to: { contactId: 'wx-boss2' }, text: '简报', dedupeKey: 'digest:wx-boss2:2026-11-23' }
    await plan([...nudges(4), digest])
    await queue.start()
    await vi.advanceTimersByTimeAsync(10 * MINUTE)
    expect(chat.delivered().map(c => c.to)).toEqual(['wx-a0', 'wx-a1', 'wx-boss2'])
    // Local midnight in Shanghai is 16:00Z.
    expect(store.outbox.all().filter(e => e.status === 'planned').map(e => e.nextAttemptAt)).toEqual(['2026-11-23T16:00:00.000Z', '2026-11-23T16:00:00.000Z'])
    await vi.advanceTimersByTimeAsync(Date.parse('2026-11-24T00:29:59.000Z') - Date.now())
    expect(chat.delivered()).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(chat.delivered().slice(3).map(c => [c.to, new Date(c.at).toISOString()])).toEqual([
      ['wx-a2', '2026-11-24T00:30:00.000Z'],
      ['wx-a3', '2026-11-24T00:30:03.000Z'],
    ])
  })

  it('counts what was already sent today, also after a restart', async () => {
    const store = createMemoryStore()
    const policy = { caps: { ...basePolicy.caps, nudge: 3 } }
    const first = setup({ store, policy })
    await first.plan(nudges(2))
    await first.queue.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    await first.queue.close()
    const second = setup({ store, policy })
    await second.plan(nudges(3, '2026-11-23', 2))
    await second.queue.start()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(second.chat.delivered().map(c => c.to)).toEqual(['wx-a2'])
  })

  it('holds messages planned in quiet hours until 08:30 local, across midnight', async () => {
    vi.setSystemTime(Date.parse('2026-11-23T13:45:00.000Z')) // 21:45 in Shanghai
    const { queue, plan, chat } = setup()
    await plan(nudges(1))
    await queue.start()
    await vi.advanceTimersByTimeAsync(Date.parse('2026-11-24T00:29:59.000Z') - Date.now())
    expect(chat.calls).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(chat.delivered().map(c => new Date(c.at).toISOString())).toEqual(['2026-11-24T00:30:00.000Z'])
  })

  it('starts nothing new once quiet hours begin', async () => {
    vi.setSystemTime(Date.parse('2026-11-23T13:29:55.000Z')) // 21:29:55 in Shanghai
    const { queue, plan, chat } = setup()
    await plan(nudges(3))
    await queue.start()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(chat.delivered().map(c => new Date(c.at).toISOString())).toEqual(['2026-11-23T13:29:55.000Z', '2026-11-23T13:29:58.000Z'])
  })

  it('reads quiet hours on the merchant\'s clock', async () => {
    vi.setSystemTime(Date.parse('2026-11-23T13:45:00.000Z')) // 21:45 in Shanghai, 14:45 in Berlin
    const { queue, plan, chat } = setup({ policy: { timezone: 'Europe/Berlin' } })
    await plan(nudges(1))
    await queue.start()
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(chat.delivered()).toHaveLength(1)
  })
})

describe('send queue: failures', () => {
  it('retries a transient failure with exponential back-off', async () => {
    const chat = recordingChat((_c, i) => i < 2 ? new Error('14 UNAVAILABLE: gateway down') : undefined)
    const { queue, plan, store } = setup({ chat })
    await plan(nudges(1))
    await queue.start()
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    expect(chat.calls.map(c => [(c.at - T0) / SECOND, c.ok])).toEqual([[0, false], [30, false], [90, true]])
    expect(store.outbox.all()[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: '14 UNAVAILABLE: gateway down' })
  })

  it('gives up after the last attempt, drops hopeless messages at once, and goes on with the others', async () => {
    const chat = recordingChat(c => c.to === 'wx-a0' ? new Error('timeout') : c.to === 'wx-a1' ? new SendError('contact not found', 'wx-a1', 'drop') : undefined)
    const { queue, plan, store } = setup({ chat, policy: { retry: { maxAttempts: 2, firstDelaySeconds: 30, maxDelaySeconds: 60 } } })
    await plan(nudges(3))
    await queue.start()
    await vi.advanceTimersByTimeAsync(10 * MINUTE)
    expect(store.outbox.all().map(e => [e.status, e.attempts])).toEqual([['failed', 2], ['failed', 1], ['sent', 1]])
    expect(store.outbox.all()[1]!.lastError).toBe('contact not found')
  })

  it('stops everything on a rate-limit error, alerts the admins once, and sends the rest only after resume', async () => {
    let throttled = false
    const chat = recordingChat(c => c.to === 'wx-a1' && !throttled ? (throttled = true, new Error('发送消息过于频繁，可稍后再试。')) : undefined)
    const { queue, plan, store, stops, toAgents, alerts } = setup({ chat })
    await plan(nudges(4))
    await queue.start()
    await vi.advanceTimersByTimeAsync(HOUR)
    await queue.idle()
    expect(queue.state()).toBe('stopped')
    expect(stops).toEqual(['发送消息过于频繁，可稍后再试。'])
    expect(toAgents().map(c => c.to)).toEqual(['wx-a0'])
    expect(alerts()).toHaveLength(1)
    expect(alerts()[0]!.text).toContain('已暂停全部自动发送')
    expect(alerts()[0]!.text).toContain('还有 3 条')
    expect(store.outbox.all().filter(e => e.kind === 'alert').map(e => e.status)).toEqual(['sent'])
    expect(store.outbox.byKey('nudge:wx-a1:2026-11-23')).toMatchObject({ status: 'planned', attempts: 0 })
    queue.resume()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(toAgents().map(c => c.to)).toEqual(['wx-a0', 'wx-a1', 'wx-a2', 'wx-a3'])
    expect(alerts()).toHaveLength(1)
  })

  it('stops on WeChat\'s notice shown as a message, alerting once however often it comes', async () => {
    const { queue, plan, toAgents, alerts } = setup()
    await plan(nudges(5))
    await queue.start()
    await vi.advanceTimersByTimeAsync(4 * SECOND)
    queue.notice('你好') // ordinary words change nothing
    expect(queue.state()).toBe('running')
    queue.notice('操作过于频繁，可稍后再试。')
    queue.notice('操作过于频繁，可稍后再试。')
    await queue.idle()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(queue.stoppedBy()).toBe('操作过于频繁，可稍后再试。')
    expect(toAgents()).toHaveLength(2)
    expect(alerts()).toHaveLength(1)
  })
})

describe('send queue: start, attachments, close', () => {
  it('never sends again an entry a crash left "sending": it is counted as sent', async () => {
    const store = createMemoryStore()
    store.outbox.add(anOutboxEntry({ id: 'ob1', status: 'sending', attempts: 1 }))
    const { queue, chat } = setup({ store })
    await queue.start()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(chat.calls).toHaveLength(0)
    expect(store.outbox.get('ob1')).toMatchObject({ status: 'sent', attempts: 1, sentAt: new Date(T0).toISOString() })
    expect(store.outbox.get('ob1')!.lastError).toContain('不再重发')
  })

  it('sends an attachment made at send time; one it cannot make is dropped and the text still goes, once', async () => {
    const msg: OutboundMessage = { kind: 'digest', to: { contactId: 'wx-boss2' }, text: '简报', file: { name: '金字塔.png', ref: 'chart:pyramid' }, dedupeKey: 'digest:wx-boss2:d' }
    const withFiles = setup({ loadFile: true })
    await withFiles.plan([msg])
    await withFiles.queue.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(withFiles.chat.delivered().map(c => c.text ?? c.file)).toEqual(['简报', '金字塔.png'])
    const without = setup()
    await without.plan([msg])
    await without.queue.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(without.chat.delivered().map(c => c.text ?? c.file)).toEqual(['简报'])
    expect(without.store.outbox.all()[0]).toMatchObject({ status: 'sent' })
  })

  it('does not send an invitation whose customer joined or left while it waited', async () => {
    const { store, queue, plan, chat } = setup()
    const invite = (id: string): OutboundMessage => inviteMessage({ customerId: id, name: id, contactId: `wx-${id}` }, { id: 'vip@chatroom', topic: 'VIP' })
    await plan([invite('c1'), invite('c2')])
    const at = new Date().toISOString()
    store.invites.put({ customerId: 'c1', roomId: 'vip@chatroom', contactId: 'wx-c1', status: 'left', updatedAt: at })
    store.invites.put({ customerId: 'c2', roomId: 'vip@chatroom', contactId: 'wx-c2', status: 'joined', updatedAt: at })
    await queue.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(chat.calls).toHaveLength(0)
    expect(store.outbox.all().map(e => e.status)).toEqual(['skipped', 'skipped'])
  })

  it('waits while the account is logged out, using up no attempts, and sends once it is back', async () => {
    let online = false
    const { store, queue, plan, chat } = setup({ online: () => online })
    await plan(nudges(2))
    await queue.start()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(chat.calls).toHaveLength(0)
    expect(store.outbox.all().map(e => [e.status, e.attempts])).toEqual([['planned', 0], ['planned', 0]])
    online = true
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(chat.delivered()).toHaveLength(2)
  })

  it('sends nothing before start or after close', async () => {
    const { queue, plan, chat } = setup()
    await plan(nudges(3))
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(chat.calls).toHaveLength(0)
    await queue.start()
    await vi.advanceTimersByTimeAsync(SECOND)
    await queue.close()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(chat.delivered()).toHaveLength(1)
    expect(queue.state()).toBe('closed')
  })
})
