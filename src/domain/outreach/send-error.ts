/**
 * How a failed send should be treated. Adapters classify their own failures (they know the
 * platform's errors) and throw `SendError`; the send queue acts on the verdict.
 */

/** retry: transient, try again later · drop: give this message up · stop: stop all sending (throttled). */
export type SendVerdict = 'retry' | 'drop' | 'stop'

/** WeChat's throttling notices (wechaty#412, friday#89, WeixinBot#149). */
export const RATE_LIMIT_PATTERN = /操作过于频繁|发送消息过于频繁|too frequent/i

/** Whether a message or error text is WeChat telling the account to slow down. */
export function isRateLimitText(text: string): boolean {
  return RATE_LIMIT_PATTERN.test(text)
}

/** A send that failed, with the adapter's verdict. */
export class SendError extends Error {
  override name = 'SendError'
  constructor(message: string, readonly conversationId: string, readonly verdict: SendVerdict, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** The verdict for any thrown value: SendError's own, else throttling text → stop, else retry. */
export function verdictOf(error: unknown): SendVerdict {
  if (error instanceof SendError) return error.verdict
  const text = error instanceof Error ? error.message : String(error)
  return isRateLimitText(text) ? 'stop' : 'retry'
}
