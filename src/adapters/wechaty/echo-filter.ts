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
  // A reply that mentions someone comes back as `@name` + a space (U+2005 in WeChat) + the text,
  // and names may contain spaces: compare the end of the text rather than strip the mention.
  const same = (received: string, sent: string): boolean =>
    received === sent || (received.startsWith('@') && received.endsWith(sent) && /[\s\u2005]$/.test(received.slice(0, received.length - sent.length)))
  return {
    sent(conversationId, text) {
      entries.push({ conv: conversationId, text: text.trim(), at: now() })
    },
    isEcho(conversationId, text) {
      const limit = now() - ttl
      while (entries.length > 0 && entries[0]!.at < limit) entries.shift()
      const t = text.trim()
      const i = entries.findIndex(e => e.conv === conversationId && same(t, e.text))
      if (i < 0) return false
      entries.splice(i, 1)
      return true
    },
  }
}
