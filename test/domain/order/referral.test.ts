/** Who brought the customer, as a 报单 says it: `张姐介绍`, `介绍人：张姐`; never the customer or a product. */
import { describe, expect, it } from 'vitest'
import { referrerIn } from '../../../src/domain/order/analyze-segment.js'
import { parseMessage } from '../../../src/domain/order/parse-message.js'

const parse = (text: string) => {
  const r = parseMessage(text, { today: '2026-11-23', products: ['面膜'] })
  if (r.kind !== 'order') throw new Error(`not an order: ${r.kind}`)
  const o = r.orders[0]!
  return { name: o.customer.name, referrer: o.referrer ?? null, note: o.note, lines: o.lines.map(l => l.name) }
}

describe('referrals in an order', () => {
  it.each([
    ['after the order', '刘芳 13811112222 面膜2盒 398 已付 张姐介绍', { name: '刘芳', referrer: '张姐', note: null }],
    ['before the customer', '张姐介绍的 刘芳 13811112222 面膜2盒 398', { name: '刘芳', referrer: '张姐', note: null }],
    ['as a label on the line', '刘芳 13811112222 面膜2盒 398 介绍人：张姐', { name: '刘芳', referrer: '张姐', note: null }],
    ['a regular who recommended', '刘芳 面膜2盒 398 老客户王丽推荐', { name: '刘芳', referrer: '王丽', note: null }],
    ['nobody in particular: a note', '刘芳 面膜2盒 398 朋友介绍', { name: '刘芳', referrer: null, note: '朋友介绍' }],
    ['a product introduction: a note', '刘芳 面膜2盒 398 产品介绍', { name: '刘芳', referrer: null, note: '产品介绍' }],
  ])('%s', (_, text, want) => {
    expect(parse(text)).toMatchObject({ ...want, lines: ['面膜'] })
  })

  it('reads a 介绍人 line of a template as the referrer, not as a product', () => {
    expect(parse('姓名：刘芳\n电话：13811112222\n产品：面膜2盒\n金额：398\n介绍人：张姐')).toEqual({ name: '刘芳', referrer: '张姐', note: null, lines: ['面膜'] })
  })

  it.each([['张姐介绍', '张姐'], ['李老师转介绍来的', '李老师'], ['闺蜜小美推荐的', '小美'], ['王介绍', null], ['同事介绍', null], ['介绍', null]])('referrerIn(%s) = %s', (text, name) => {
    expect(referrerIn(text)).toBe(name)
  })
})
