import { describe, expect, test } from 'vitest'
import type { ParseOptions } from '../../../src/domain/order/draft.js'
import { toParseJson } from '../../../src/domain/order/parse-json.js'
import { parseMessage } from '../../../src/domain/order/parse-message.js'

const OPTIONS: ParseOptions = { today: '2026-11-23', commandWords: ['帮助', '撤销'] }
const json = (text: string): unknown => toParseJson(parseMessage(text, OPTIONS))

describe('toParseJson', () => {
  test('an order has exactly the contract fields (plus extras)', () => {
    expect(json('张三 13800138000 面膜2盒 398 已付 11.20')).toMatchObject({
      kind: 'order',
      orders: [{
        customer: { name: '张三', phone: '13800138000' },
        lines: [{ name: '面膜', qty: 2, unit: '盒', unitPriceFen: null }],
        amountFen: 39800, payment: 'paid', paidFen: 39800, date: '2026-11-20',
      }],
      issues: [],
    })
  })

  test.each([
    ['收款 张三 398', { kind: 'payment', orders: [{ customer: { name: '张三', phone: null }, lines: [], amountFen: 39800 }], issues: [] }],
    ['退款 张三 199', { kind: 'refund', orders: [{ customer: { name: '张三', phone: null }, lines: [], amountFen: 19900, refundFen: 19900 }], issues: [] }],
    ['退款', { kind: 'refund', issues: ['no_customer', 'no_amount'] }],
    ['改 上一单 金额 298', { kind: 'command', orders: [], command: '改', correction: { field: 'amount', value: 29800 }, issues: [] }],
    ['改', { kind: 'command', orders: [], correction: null, issues: ['bad_correction'] }],
    ['撤销', { kind: 'command', orders: [], command: '撤销', args: [], issues: [] }],
    ['帮助 收款', { kind: 'command', orders: [], command: '帮助', args: ['收款'], issues: [] }],
    ['好的', { kind: 'none', orders: [], issues: [] }],
    ['张三 面膜2盒 398\n李四 精华1瓶 199\n合计600', { kind: 'order', issues: ['total_mismatch'] }],
    ['张三 面膜2盒 398 ¥498', { kind: 'order', issues: ['amount_conflict'] }],
  ])('%s', (text, expected) => {
    expect(json(text)).toMatchObject(expected)
  })
})
