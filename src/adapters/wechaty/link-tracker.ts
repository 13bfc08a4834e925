/**
 * Tells from the bot's events when the gateway connection was lost and when it came back
 * (WECHATY.md 1.6). What PuppetService shows when the gateway goes away, measured over loopback:
 *
 *   gateway stops  → error `1 CANCELLED: Call cancelled` (the event stream ends; no event after it)
 *   watchdog fires → error `WatchdogAgent reset: lastFood: …` → logout → login (gateway back) or
 *                    `14 UNAVAILABLE` errors and no login (still down: the supervisor takes over)
 *
 * An error alone is only a suspicion (a late error after a reconnect, a failed call): the outage is
 * open once a logout follows, or when nothing has come from the gateway for `silenceMs`; any event in
 * between clears the suspicion. The outage ends at the next login (or, when it was opened by silence
 * alone, at the next event). It starts at the first sign of trouble: the transport error or watchdog
 * reset, else the logout, or for silence the last event received. A watchdog reset is dated when it
 * fires, not from the last event before it: on a gateway without heartbeats the watchdog also resets
 * a healthy quiet link, and that logout–login blip must not count as a long outage. Pure: time is
 * passed in.
 */

export interface Outage {
  lostAt: Date
  backAt: Date
  /** What showed the loss first (an error text, `logout`, `no event from the gateway`). */
  reason: string
}

export interface LinkTracker {
  /** A login: ends the outage in progress, if any, and returns it. */
  login(now: number): Outage | null
  /** A logout: opens an outage (true) unless one is open or the bot never logged in. */
  logout(now: number, reason?: string): boolean
  /** An error event: a transport error marks the time the link may have gone. */
  error(now: number, message: string): void
  /** Any event from the gateway: the link is alive; ends an outage opened by silence alone. */
  alive(now: number): Outage | null
  /** Opens an outage (true) when a logged-in link has been silent for longer than `silenceMs`. */
  check(now: number): boolean
  /** Whether an outage is open. */
  isDown(): boolean
}

/** gRPC statuses of a dropped stream or an unreachable gateway, and the puppet watchdog's reset. */
const LINK_ERROR = /^(?:1 CANCELLED|4 DEADLINE_EXCEEDED|14 UNAVAILABLE)\b|^WatchdogAgent reset/

export function createLinkTracker(options: { silenceMs: number }): LinkTracker {
  let phase: 'new' | 'up' | 'down' = 'new'
  let lastAliveAt = 0
  let suspect: { at: number, reason: string } | null = null
  let down: { since: number, reason: string, loggedOut: boolean } | null = null

  function open(since: number, reason: string, loggedOut: boolean): void {
    phase = 'down'
    down = { since, reason, loggedOut }
    suspect = null
  }
  function close(now: number): Outage | null {
    const outage = down ? { lostAt: new Date(down.since), backAt: new Date(now), reason: down.reason } : null
    phase = 'up'
    down = null
    suspect = null
    lastAliveAt = now
    return outage
  }

  return {
    login(now) {
      if (phase === 'up' && suspect) open(suspect.at, suspect.reason, true)
      return close(now)
    },
    logout(now, reason) {
      if (phase === 'down' && down) down.loggedOut = true
      if (phase !== 'up') return false
      open(suspect?.at ?? now, suspect?.reason ?? (reason ? `logout: ${reason}` : 'logout'), true)
      return true
    },
    error(now, message) {
      if (phase === 'up' && !suspect && LINK_ERROR.test(message)) suspect = { at: now, reason: message }
    },
    alive(now) {
      if (phase === 'up') {
        lastAliveAt = now
        suspect = null
        return null
      }
      return phase === 'down' && down && !down.loggedOut ? close(now) : null
    },
    check(now) {
      if (phase !== 'up' || now - lastAliveAt <= options.silenceMs) return false
      open(suspect?.at ?? lastAliveAt, suspect?.reason ?? 'no event from the gateway', false)
      return true
    },
    isDown: () => phase === 'down',
  }
}
