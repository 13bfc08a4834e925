import { describe, expect, it } from 'vitest'
import { classifySendFailure, toSendError } from '../../src/adapters/wechaty/send-errors.js'
import { SendError } from '../../src/domain/outreach/send-error.js'

const grpc = (code: number, message: string): Error => Object.assign(new Error(message), { code })

describe('Wechaty send failures', () => {
  it.each([
    [new Error('操作过于频繁，可稍后再试。'), 'stop'],
    [new Error('发送消息过于频繁，可稍后再试。'), 'stop'],
    [new Error('Too frequent, try again later'), 'stop'],
    [new Error('contact not found: wx-gone'), 'drop'],
    [new Error('room not found: r@chatroom'), 'drop'],
    [new Error('消息已发出，但被对方拒收了。'), 'drop'],
    [grpc(5, '5 NOT_FOUND: no such contact'), 'drop'],
    [grpc(7, '7 PERMISSION_DENIED'), 'drop'],
    [grpc(14, '14 UNAVAILABLE: No connection established'), 'retry'],
    [grpc(4, '4 DEADLINE_EXCEEDED'), 'retry'],
    [new Error('puppet is not logged in'), 'retry'],
    ['weird', 'retry'],
  ])('%s → %s', (error, verdict) => {
    expect(classifySendFailure(error)).toBe(verdict)
  })

  it('wraps a failure in a SendError that keeps the cause and the conversation', () => {
    const cause = grpc(14, '14 UNAVAILABLE')
    const e = toSendError(cause, 'wx-wang')
    expect(e).toBeInstanceOf(SendError)
    expect(e).toMatchObject({ conversationId: 'wx-wang', verdict: 'retry', message: '14 UNAVAILABLE', cause })
    expect(toSendError(e, 'other')).toBe(e)
  })
})
