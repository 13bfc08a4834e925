import { describe, expect, test } from 'vitest'
import { normalizeText } from '../../../src/domain/order/normalize-text.js'

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
