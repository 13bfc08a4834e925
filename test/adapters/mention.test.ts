import { describe, expect, it } from 'vitest'
import { stripSelfMention } from '../../src/adapters/wechaty/attach.js'

describe('@bot mentions in groups', () => {
  it.each([
    ['@店小二\u2005概览', '概览'],
    ['@店小二 张三 13800138000 面膜2盒 398', '张三 13800138000 面膜2盒 398'],
    ['概览 @店小二', '概览'],
    ['@小王 你好', '@小王 你好'],
    ['没有提到机器人', '没有提到机器人'],
  ])('%s → %s', (text, expected) => {
    expect(stripSelfMention(text, '店小二')).toBe(expected)
  })

  it('leaves text alone before login (no name yet)', () => {
    expect(stripSelfMention('@店小二 概览', null)).toBe('@店小二 概览')
  })
})
