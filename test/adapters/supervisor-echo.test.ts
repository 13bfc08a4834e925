import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEchoFilter } from '../../src/adapters/wechaty/echo-filter.js'
import { startSupervisor } from '../../src/adapters/wechaty/supervisor.js'
import { silentLogger } from '../../src/domain/logger.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('supervisor', () => {
  it('restarts the puppet when no login arrives, backing off, and stops once logged in', async () => {
    vi.useFakeTimers()
    let loggedIn = false
    const restart = vi.fn(async () => {})
    const onOffline = vi.fn()
    const sup = startSupervisor({ isLoggedIn: () => loggedIn, restart, graceMs: 90_000, logger: silentLogger, onOffline })
    await vi.advanceTimersByTimeAsync(89_000)
    expect(restart).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(restart).toHaveBeenCalledTimes(1)
    // The next attempt waits twice as long.
    await vi.advanceTimersByTimeAsync(179_000)
    expect(restart).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(restart).toHaveBeenCalledTimes(2)
    expect(onOffline).toHaveBeenCalledTimes(1)
    loggedIn = true
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(restart).toHaveBeenCalledTimes(2)
    sup.stop()
  })

  it('leaves a bot that logged in alone', async () => {
    vi.useFakeTimers()
    const restart = vi.fn(async () => {})
    const sup = startSupervisor({ isLoggedIn: () => true, restart, graceMs: 1_000, logger: silentLogger })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(restart).not.toHaveBeenCalled()
    sup.stop()
  })
})

describe('echo filter', () => {
  it('recognises the bot\'s own replies once, with or without the @mention WeChat adds', () => {
    let t = 0
    const echo = createEchoFilter({ ttlMs: 1_000, now: () => t })
    echo.sent('room', '✅ 已记录')
    expect(echo.isEcho('room', '@小王\u2005✅ 已记录')).toBe(true)
    echo.sent('room', '✅ 已记录 #2')
    expect(echo.isEcho('room', '@Anna Li\u2005✅ 已记录 #2')).toBe(true)
    expect(echo.isEcho('room', '✅ 已记录')).toBe(false)
    echo.sent('room', '收到')
    expect(echo.isEcho('other-room', '收到')).toBe(false)
    t = 2_000
    expect(echo.isEcho('room', '收到')).toBe(false)
  })
})
