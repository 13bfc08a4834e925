/**
 * The retry classifier for sends through Wechaty (STYLE.md habit 11): every failure becomes a
 * SendError whose verdict tells the send queue to retry later, drop the message, or stop sending.
 */
import { isRateLimitText, SendError, type SendVerdict } from '../../domain/outreach/send-error.js'

/** gRPC status codes from the gateway that no retry will fix: INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED. */
const HOPELESS_GRPC = new Set([3, 5, 7])
/** Words of failures that concern this one recipient (gone, blocked us, not a friend). */
const HOPELESS_TEXT = /not found|不存在|拒收|拉黑|不是.*好友|非好友|not.*friend/i

/** retry | drop | stop for anything a Wechaty send threw. */
export function classifySendFailure(error: unknown): SendVerdict {
  const text = error instanceof Error ? error.message : String(error)
  if (isRateLimitText(text)) return 'stop'
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  if (typeof code === 'number' && HOPELESS_GRPC.has(code)) return 'drop'
  if (HOPELESS_TEXT.test(text)) return 'drop'
  // Everything else (gateway unavailable, timeouts, logged out for a moment) is worth another try.
  return 'retry'
}

/** Wraps a failure of a send to `conversationId` in a SendError with its verdict. */
export function toSendError(error: unknown, conversationId: string): SendError {
  if (error instanceof SendError) return error
  const text = error instanceof Error ? error.message : String(error)
  return new SendError(text, conversationId, classifySendFailure(error), { cause: error })
}
