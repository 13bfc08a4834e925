/** Finding a cron slot that fell while the bot was down (WECHATY.md §7.1: node-cron has no catch-up). */

const MINUTE = 60_000

/**
 * Whether a whole minute in (since, now] matches (five-field cron times fall on whole minutes).
 * Scans backwards from now, so a daily job finds yesterday's slot within 1 440 steps; looks back at
 * most `maxDays`.
 */
export function hasSlotBetween(matches: (minute: Date) => boolean, since: Date, now: Date, maxDays: number): boolean {
  const floor = Math.max(since.getTime(), now.getTime() - maxDays * 86_400_000)
  for (let t = Math.floor(now.getTime() / MINUTE) * MINUTE; t > floor; t -= MINUTE) {
    if (matches(new Date(t))) return true
  }
  return false
}
