/**
 * The connection watch without a network: the link tracker as a pure state machine, the supervisor on
 * fake timers, and `superviseConnection` over a fake bot that emits what PuppetService emits when the
 * gateway goes away and comes back (sequence measured over loopback, see gateway-outage.test.ts).
 */
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Wechaty } from 'wechaty'
import { superviseConnection, type Outage } from '../../src/adapters/wechaty/connection.js'
import { createLinkTracker } from '../../src/adapters/wechaty/link-tracker.js'
import { restartPauseMs, startSupervisor } from '../../src/adapters/wechaty/supervisor.js'
import { silentLogger, type Logger } from '../../src/domain/logger.js'

afterEach(() => {
  vi.useRealTimers()
})

const CANCELLED = '1 CANCELLED: Call cancelled'
const WATCHDOG = 'WatchdogAgent reset: lastFood: "{"data":"heartbeat"}"'
const window = (o: Outage | null) => o && [o.lostAt.getTime(), o.backAt.getTime(), o.reason]

describe('link tracker', () => {
  it('dates a dropped gateway from the transport error to the login after the watchdog reset', () => {
    const t = createLinkTracker({ silenceMs: 120_000 })
    expect(t.login(0)).toBeNull()
    t.alive(1_000)
    t.error(3_000, CANCELLED)
    expect(t.isDown()).toBe(false)
    t.error(13_000, WATCHDOG)
    expect(t.logout(13_000)).toBe(true)
    expect(t.isDown()).toBe(true)
    // PuppetService's "stream connect successfully" heartbeat comes before the login: not back yet.
    expect(t.alive(13_050)).toBeNull()
    expect(t.logout(13_060)).toBe(false)
    expect(window(t.login(13_100))).toEqual([3_000, 13_100, CANCELLED])
    expect(t.isDown()).toBe(false)
  })

  it('takes a watchdog reset on a quiet link for a blip, dated when it fires', () => {
    const t = createLinkTracker({ silenceMs: 120_000 })
    t.login(0)
    t.alive(5_000)
    t.error(65_000, WATCHDOG)
    t.logout(65_000)
    expect(window(t.login(65_100))).toEqual([65_000, 65_100, WATCHDOG])
  })

  it('forgets an error that events follow, and ignores errors that are not about the link', () => {
    const t = createLinkTracker({ silenceMs: 120_000 })
    t.login(0)
    t.error(100, '14 UNAVAILABLE: No connection established')
    t.alive(1_100)
    t.error(2_000, 'no payload found for id 老板')
    t.logout(5_000, 'kicked')
    expect(window(t.login(9_000))).toEqual([5_000, 9_000, 'logout: kicked'])
  })

  it('stays down through heartbeats after a logout until the next login', () => {
    const t = createLinkTracker({ silenceMs: 120_000 })
    t.login(0)
    t.logout(10_000)
    expect(t.alive(20_000)).toBeNull()
    expect(t.isDown()).toBe(true)
    expect(window(t.login(30_000))).toEqual([10_000, 30_000, 'logout'])
  })

  it('opens an outage on silence, from the last event, and closes it at the next event', () => {
    const t = createLinkTracker({ silenceMs: 20_000 })
    t.login(0)
    t.alive(1_000)
    expect(t.check(21_000)).toBe(false)
    expect(t.check(21_001)).toBe(true)
    expect(t.check(30_000)).toBe(false)
    expect(window(t.alive(40_000))).toEqual([1_000, 40_000, 'no event from the gateway'])
  })

  it('counts a login after a link error, without a logout, as the end of an outage', () => {
    const t = createLinkTracker({ silenceMs: 120_000 })
    t.login(0)
    t.error(2_000, CANCELLED)
    expect(window(t.login(8_000))).toEqual([2_000, 8_000, CANCELLED])
  })

  it('knows no outage before the first login (gateway down at start-up)', () => {
    const t = createLinkTracker({ silenceMs: 1_000 })
    t.error(0, '14 UNAVAILABLE: No connection established')
    expect(t.logout(1_000)).toBe(false)
    expect(t.check(60_000)).toBe(false)
    expect(t.isDown()).toBe(false)
    expect(t.login(90_000)).toBeNull()
  })
})

describe('supervisor', () => {
  it.each([
    [1, 10_000, 20_000],
    [2, 10_000, 40_000],
    [5, 10_000, 300_000],
    [30, 90_000, 300_000],
    [1, 600_000, 600_000],
  ])('pauses after restart %i with grace %i ms: %i ms', (attempts, grace, pause) => {
    expect(restartPauseMs(attempts, grace, 300_000)).toBe(pause)
  })

  it('restarts a bot that lost its connection after logging in, and starts counting afresh when it is back', async () => {
    vi.useFakeTimers()
    let online = true
    const restart = vi.fn(async () => {})
    const onOffline = vi.fn()
    const sup = startSupervisor({ isLoggedIn: () => online, restart, graceMs: 10_000, logger: silentLogger, onOffline })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(restart).not.toHaveBeenCalled()
    online = false
    await vi.advanceTimersByTimeAsync(9_000)
    expect(restart).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(restart).toHaveBeenCalledTimes(1)
    online = true
    await vi.advanceTimersByTimeAsync(5_000)
    // A second outage is a new one: a full grace period, and onOffline again.
    online = false
    await vi.advanceTimersByTimeAsync(9_000)
    expect(restart).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(restart).toHaveBeenCalledTimes(2)
    expect(onOffline).toHaveBeenCalledTimes(2)
    sup.stop()
  })

  it('keeps trying at most every maxPauseMs during a long outage', async () => {
    vi.useFakeTimers()
    const restart = vi.fn(async () => {})
    const sup = startSupervisor({ isLoggedIn: () => false, restart, graceMs: 10_000, maxPauseMs: 60_000, logger: silentLogger })
    // 10 s, then pauses of 20, 40, 60, 60, 60 s.
    await vi.advanceTimersByTimeAsync(10_000 + 20_000 + 40_000 + 60_000 * 3 + 1_000)
    expect(restart).toHaveBeenCalledTimes(6)
    sup.stop()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(restart).toHaveBeenCalledTimes(6)
  })
})

/** What the connection watch needs of a Wechaty bot. */
class FakeBot extends EventEmitter {
  isLoggedIn = false
  starts = 0
  /** Whether the gateway answers the next start. */
  gatewayUp = true

  async start(): Promise<void> {
    this.starts++
    if (this.gatewayUp) this.login()
    else this.emit('error', new Error('14 UNAVAILABLE: No connection established'))
  }

  async stop(): Promise<void> {
    if (this.isLoggedIn) this.logout()
  }

  login(): void {
    this.isLoggedIn = true
    this.emit('login', {})
  }

  logout(): void {
    this.emit('logout', {}, 'stopped')
    this.isLoggedIn = false
  }
}

function watch(bot: FakeBot, over: { silenceMs?: number } = {}) {
  const outages: Outage[] = []
  const lines: string[] = []
  const logger: Logger = { info: m => lines.push(m), warn: m => lines.push(m), error: m => lines.push(m) }
  const connection = superviseConnection({
    bot: bot as unknown as Wechaty,
    logger,
    graceMs: 10_000,
    silenceMs: over.silenceMs ?? 20_000,
    reportAfterMs: 5_000,
    onOutage: o => outages.push(o),
  })
  return { connection, outages, lines }
}

/** Heartbeats every second for `ms`. */
async function heartbeats(bot: FakeBot, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1_000) {
    bot.emit('heartbeat', 'hb')
    await vi.advanceTimersByTimeAsync(1_000)
  }
}

describe('superviseConnection', () => {
  it('restarts the bot after a failed watchdog reset and reports the outage once when it is back', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T06:00:00Z') })
    const bot = new FakeBot()
    const { connection, outages, lines } = watch(bot)
    await bot.start()
    await heartbeats(bot, 5_000)
    const droppedAt = Date.now()
    bot.emit('error', new Error(CANCELLED))
    bot.gatewayUp = false
    await vi.advanceTimersByTimeAsync(10_000)
    // The watchdog resets and its start fails: logged out for good.
    bot.emit('error', new Error(WATCHDOG))
    bot.logout()
    expect(connection.isOnline()).toBe(false)
    await vi.advanceTimersByTimeAsync(12_000)
    expect(bot.starts).toBe(2) // the supervisor's first restart, gateway still down
    bot.gatewayUp = true
    await vi.advanceTimersByTimeAsync(20_000)
    expect(bot.starts).toBe(3)
    expect(connection.isOnline()).toBe(true)
    expect(outages).toHaveLength(1)
    expect(outages[0]!.lostAt.getTime()).toBe(droppedAt)
    expect(outages[0]!.backAt.getTime() - droppedAt).toBeGreaterThanOrEqual(40_000)
    expect(outages[0]!.reason).toBe(CANCELLED)
    expect(lines.filter(l => l.startsWith('gateway outage over'))).toHaveLength(1)
    await heartbeats(bot, 60_000)
    expect(outages).toHaveLength(1)
    expect(bot.starts).toBe(3)
    connection.stop()
  })

  it('logs a blip shorter than reportAfterMs without reporting it', async () => {
    vi.useFakeTimers()
    const bot = new FakeBot()
    const { connection, outages, lines } = watch(bot)
    await bot.start()
    await heartbeats(bot, 3_000)
    bot.emit('error', new Error(WATCHDOG))
    bot.logout()
    await vi.advanceTimersByTimeAsync(500)
    bot.login()
    await heartbeats(bot, 30_000)
    expect(outages).toHaveLength(0)
    expect(lines.some(l => l.includes('short interruption'))).toBe(true)
    expect(bot.starts).toBe(1)
    connection.stop()
  })

  it('notices heartbeat loss while still logged in and restarts', async () => {
    vi.useFakeTimers()
    const bot = new FakeBot()
    const { connection, outages } = watch(bot, { silenceMs: 20_000 })
    await bot.start()
    await heartbeats(bot, 3_000)
    const lastEventAt = Date.now() - 1_000
    // No more events, no error, no logout: the link died silently.
    await vi.advanceTimersByTimeAsync(20_000 + 10_000 + 6_000)
    expect(bot.isLoggedIn).toBe(true)
    expect(bot.starts).toBe(2)
    expect(outages).toHaveLength(1)
    expect(outages[0]!.lostAt.getTime()).toBe(lastEventAt)
    connection.stop()
  })

  it('does nothing once stopped (shutdown)', async () => {
    vi.useFakeTimers()
    const bot = new FakeBot()
    const { connection, outages } = watch(bot)
    await bot.start()
    await heartbeats(bot, 3_000)
    connection.stop()
    await bot.stop()
    await vi.advanceTimersByTimeAsync(600_000)
    bot.login()
    expect(bot.starts).toBe(1)
    expect(outages).toHaveLength(0)
  })
})
