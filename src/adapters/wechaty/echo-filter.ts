/**
 * Tells the bot's own replies (which WeChat echoes back as messages from the account) apart from
 * what the merchant types on the phone under the same account (WECHATY.md 2.3).
 */
export interface EchoFilter {
  sent(conversationId: string, text: string): void
  /** True (once) when this self message is an echo of something the bot sent. */
  isEcho(conversationId: string, text: string): boolean
}

export function createEchoFilter(options: { ttlMs?: number, now?: () => number } = {}): EchoFilter {
  const ttl = options.ttlMs ?? 120_000
  const now = options.now ?? Date.now
  const entries: { conv: string, text: string, at: number }[] = []
  const norm = (t: string): string => t.replace(/^@\S+[\s\u2005]+/, '').trim()
  return {
    sent(conversationId, text) {
      entries.push({ conv: conversationId, text: norm(text), at: now() })
    },
    isEcho(conversationId, text) {
      const limit = now() - ttl
      while (entries.length > 0 && entries[0]!.at < limit) entries.shift()
      const t = norm(text)
      const i = entries.findIndex(e => e.conv === conversationId && e.text === t)
      if (i < 0) return false
      entries.splice(i, 1)
      return true
    },
  }
}
