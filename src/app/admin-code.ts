/** The one-time code printed at start-up that lets the merchant bind their WeChat as admin. */
export interface AdminCode {
  /** The code to print, or null once it was used or has expired. */
  current(now: Date): string | null
  /** True once, for the right code before it expires. */
  redeem(code: string, now: Date): boolean
}

export function createAdminCode(options: { code: string, issuedAt: Date, ttlMinutes: number }): AdminCode {
  const expires = new Date(options.issuedAt.getTime() + options.ttlMinutes * 60_000)
  let used = false
  const live = (now: Date): boolean => !used && now < expires
  return {
    current: now => live(now) ? options.code : null,
    redeem(code, now) {
      if (!live(now) || code.trim() !== options.code) return false
      used = true
      return true
    },
  }
}
