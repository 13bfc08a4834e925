import { describe, expect, test } from 'vitest'
import { normalizeText, stripUnprintable } from '../../../src/domain/order/normalize-text.js'

const cases: Array<[string, string]> = [
  ['张三：面膜２盒，３９８元', '张三:面膜2盒,398元'],
  ['（老客户）；ＡＢＣ', '(老客户);ABC'],
  ['￥５９７', '¥597'],
  ['精华×3', '精华*3'],
  ['精华✖3', '精华*3'],
  ['精华＊3', '精华*3'],
  ['150—3569—6956', '150-3569-6956'],
  ['张三\u3000\u3000面膜', '张三 面膜'],
  ['张三\t面膜  2盒', '张三 面膜 2盒'],
  ['  张三  \r\n  面膜  ', '张三\n面膜'],
  ['a\n\n\n\nb', 'a\n\nb'],
  ['\n\n张三\n\n', '张三'],
  ['张三😀13800138000', '张三 13800138000'],
  ['👍🏻👍🏻', ''],
  ['🇨🇳张三', '张三'],
  ['[微笑]好的[捂脸]', '好的'],
  ['[图片]', ''],
  ['张\u200b三', '张三'],
  ['a\u0000b\u0007c', 'a b c'],
  ['\ud800面膜', '面膜'],
  ['㎖ ㎏', 'ml kg'],
  ['', ''],
]

describe('normalizeText', () => {
  test.each(cases)('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected)
  })
})

// What the router quotes back (`找不到客户“…”`) must not carry NUL, lone surrogates or bidi overrides (fuzz finding).
const printable: Array<[string, string]> = [
  ['客户 \u0000', '客户  '],
  ['客户 \u202e张三', '客户 张三'],
  ['客户 \u2066张三\u2069\u200f', '客户 张三'],
  ['客户 \ud800张三', '客户  张三'],
  ['a\r\nb\tc\u001b[31m', 'a\nb c [31m'],
  ['\ufeff报单\u200b群', '报单群'],
  // Joiners, variation selectors and skin tones belong to emoji in names and group names: kept.
  ['👩‍👩‍👧 家人群', '👩‍👩‍👧 家人群'],
  ['❤️👍🏻', '❤️👍🏻'],
  ['ＡＢＣ１２３', 'ＡＢＣ１２３'],
]

describe('stripUnprintable', () => {
  test.each(printable)('%j → %j', (input, expected) => {
    expect(stripUnprintable(input)).toBe(expected)
  })
})
