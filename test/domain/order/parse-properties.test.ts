import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { fenToYuanString, formatFen, parseMoney } from '../../../src/domain/money.js'
import { parseChineseNumber } from '../../../src/domain/order/chinese-number.js'
import type { ParseOptions } from '../../../src/domain/order/draft.js'
import { normalizeText } from '../../../src/domain/order/normalize-text.js'
import { toParseJson } from '../../../src/domain/order/parse-json.js'
import { parseMessage } from '../../../src/domain/order/parse-message.js'

const OPTIONS: ParseOptions = { today: '2026-11-23', products: ['面膜', '精华'], commandWords: ['帮助', '客户'] }
const KINDS = ['order', 'payment', 'refund', 'correction', 'command', 'none']
const ISSUE_CODES = [
  'no_customer', 'no_items', 'no_amount', 'total_mismatch', 'amount_conflict', 'payment_conflict', 'bad_phone',
  'bad_amount', 'deposit_too_large', 'bad_date', 'bad_qty', 'bad_correction',
] as const

const nullableInt = z.number().int().nullable()
const contract = z.object({
  kind: z.enum(['order', 'payment', 'refund', 'command', 'none']),
  orders: z.array(z.object({
    customer: z.object({ name: z.string().min(1).nullable(), phone: z.string().regex(/^1[3-9]\d{9}$/).nullable() }),
    lines: z.array(z.object({
      name: z.string(),
      qty: z.number().nullable(),
      unit: z.string().nullable(),
      unitPriceFen: nullableInt,
    })),
    amountFen: nullableInt,
    payment: z.enum(['paid', 'unpaid', 'deposit', 'cod']).nullable(),
    paidFen: nullableInt,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  })),
  issues: z.array(z.enum(ISSUE_CODES)),
})

const FRAGMENTS = [
  '张三', '李姐', '王总', 'Lily', '13800138000', '150-3569-6956', '138 0013 8000', '12800138000', '面膜', '精华', '可乐',
  '2盒', '两盒', '十二瓶', '×3', 'x3', '*3', '2 盒', '398', '¥597', '199元', '19块5', '一百九十九', '两千五', '一万二',
  '1.5万', '2,340', '0', '9999999', '已付', '未付', '到付', '货到付款', '定金100', '已付定金500', '已付100', '欠着',
  '合计', '共', '一共395', '各一盒', '各1瓶', '、', '+', '；', ';', '\n', '\n\n', ' ', '　', '：', ':', '，', '客户：',
  '电话：', '产品：', '数量：', '金额：', '付款：', '日期：', '备注：', '【客户】', '11.20', '11月20日', '2月30日', '11/20',
  '2024-11-20', '昨天', '大前天', '600ml*24瓶', '4箱', '500g*2袋', '99*2=198', '@199', '单价199', '199元/盒', '收款',
  '收到', '退款', '改', '上一单', '金额', '数量', '#12', '撤销', '确认', '取消', '下单', '报单', '吗', '？', '?', '🌸',
  '👍🏻', '[图片]', '@小助手 ', '/', '1.', '2、', '(', ')', '广东省深圳市南山区科技园路1号', 'http://t.cn/a1', '第2单', '3天',
]
const orderish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(''))
const orderishSpaced = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(' '))
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) })
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  codeUnits,
  orderish,
  orderishSpaced,
)

function checkParse(text: string): void {
  const parsed = parseMessage(text, OPTIONS)
  expect(KINDS).toContain(parsed.kind)
  const json = toParseJson(parsed)
  const roundTripped: unknown = JSON.parse(JSON.stringify(json))
  expect(contract.safeParse(roundTripped).error).toBeUndefined()
  if (parsed.kind === 'order') {
    expect(parsed.orders.length).toBeGreaterThan(0)
    for (const o of parsed.orders) {
      if (o.payment === null) expect(o.paidFen).toBeNull()
      if (o.payment === 'unpaid' || o.payment === 'cod') expect(o.paidFen).toBe(0)
      if (o.payment === 'paid') expect(o.paidFen).toBe(o.amountFen)
      for (const issue of o.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/)
    }
  }
}

describe('parseMessage properties', () => {
  test('never throws and always returns a valid kind and a contract-shaped JSON', () => {
    fc.assert(fc.property(anyText, (text) => checkParse(text)), { numRuns: 3000 })
  })

  test('order-ish fragments in any order', () => {
    fc.assert(fc.property(orderish, orderishSpaced, (a, b) => {
      checkParse(a)
      checkParse(`${a}\n${b}`)
    }), { numRuns: 2000 })
  })

  test('long inputs parse (linear time: no catastrophic backtracking)', () => {
    fc.assert(fc.property(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 1000, max: 5000 }), (fragment, times) => {
      checkParse(fragment.repeat(times))
    }), { numRuns: 40 })
  })

  test.each([
    ['digits', '1'.repeat(100_000)],
    ['Chinese text', '面'.repeat(100_000)],
    ['Chinese numerals', '一'.repeat(100_000)],
    ['numeral units', '一百二十三万'.repeat(17_000)],
    ['decimals', '1.'.repeat(50_000)],
    ['one-line orders', '张三 面膜2盒 398 '.repeat(8_000)],
    ['glued orders', '张三面膜2盒398'.repeat(10_000)],
    ['colons', '客户:'.repeat(30_000)],
    ['spaced phones', '138 0013 8000 '.repeat(8_000)],
    ['yen signs', '¥'.repeat(100_000)],
    ['question marks', '吗 '.repeat(50_000)],
    ['addresses', '省市区路'.repeat(25_000)],
  ])('a 100 KB line of %s', (_name, text) => {
    checkParse(text)
  })

  test('a message with hundreds of thousands of words (no argument-spreading limits)', () => {
    checkParse('张三 面膜 '.repeat(150_000))
    checkParse('已付 '.repeat(150_000))
  })

  test('normalizeText is idempotent', () => {
    fc.assert(fc.property(anyText, (text) => {
      const once = normalizeText(text)
      expect(normalizeText(once)).toBe(once)
    }), { numRuns: 2000 })
  })
})

describe('money properties', () => {
  test('formatFen reads back through parseMoney for every fen amount up to ¥1,000,000,000', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (fen) => {
      expect(parseMoney(formatFen(fen))).toBe(fen)
      expect(parseMoney(fenToYuanString(fen))).toBe(fen)
      expect(parseMoney(`${fenToYuanString(fen)}元`)).toBe(fen)
    }), { numRuns: 5000 })
  })

  test('parseMoney returns integer fen or null, never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), orderish), (text) => {
      const fen = parseMoney(text)
      expect(fen === null || Number.isSafeInteger(fen)).toBe(true)
    }), { numRuns: 3000 })
  })

  test('Arabic numbers read as themselves', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
      expect(parseChineseNumber(String(n))).toBe(n)
    }))
  })
})
