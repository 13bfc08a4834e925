/** The forms real chats use (test/fixtures/orders): one line per case, text → what the parser reads. */
import { describe, expect, test } from 'vitest'
import type { ParseOptions } from '../../../src/domain/order/draft.js'
import { parseMessage } from '../../../src/domain/order/parse-message.js'
import { summarize } from './summarize.js'

const OPTIONS: ParseOptions = { today: '2026-11-23', commandWords: ['帮助', '客户', '概览'] }

// Expected as in parse-message.test.ts: `order <name> <phone> [<item>×<qty><unit>…] <fen> <payment> <date> !<issues>`.
const cases: Array<[string, string]> = [
  // store and wholesale lists: counts without prices, the buyer first or last, headings
  ['韭菜20 紫菜卷15 菜脯10 咸蛋黄5', 'order - - [韭菜×20,紫菜卷×15,菜脯×10,咸蛋黄×5] - - - !no_customer,no_amount'],
  ['惠民超市\n手打牛筋丸：3件\n170克鱼蛋鲜装：\n170g鱼蛋鲜装 2件', 'order 惠民超市 - [手打牛筋丸×3件,鱼蛋鲜装×2件(170g)] - - - !no_amount'],
  ['无米粿：韭菜30、萝卜干8\n刘雅琴', 'order 刘雅琴 - [无米粿-韭菜×30,无米粿-萝卜干×8] - - - !no_amount'],
  ['面膜系列\n补水款 6\n美白款 4\n---\n洗面奶 2\n钱雪梅', 'order 钱雪梅 - [面膜-补水款×6,面膜-美白款×4,洗面奶×2] - - - !no_amount'],
  ['韭菜 菜谱 竹笋\n各2斤\n李生', 'order 李生 - [韭菜×2斤,菜谱×2斤,竹笋×2斤] - - - !no_amount'],
  ['珠江新城\n萝卜干和竹笋各18', 'order 珠江新城 - [萝卜干×18,竹笋×18] - - - !no_amount'],
  ['小明\n水饺+1', 'order 小明 - [水饺×1] - - - !no_amount'],
  ['张三 13800138000\n精华 199\n眼霜 299', 'order 张三 13800138000 [精华=19900,眼霜=29900] 49800 - -'],
  // service records and sentences
  ['1.28许老师理疗198-20陈哥178', 'order 许老师 - [理疗×1=19800] 19800 - 2026-01-28'],
  ['理疗开卡1000许老师', 'order 许老师 - [理疗卡×1=100000] 100000 - -'],
  ['赵先生买了一瓶精油128元和一个颈椎枕168元', 'order 赵先生 - [精油×1瓶=12800,颈椎枕×1个=16800] 29600 - -'],
  ['6月8日晚餐 王阿姨2份', 'order 王阿姨 - [晚餐×2份] - - 2026-06-08 !no_amount'],
  ['帮我录番茄5斤', 'order - - [番茄×5斤] - - - !no_customer,no_amount'],
  // chains
  ['#接龙\n百香果团购\n1. 李娜 1箱\n2. 陈静2箱', 'order 李娜 - [百香果×1箱] - - - !no_amount | 陈静 - [百香果×2箱] - - - !no_amount'],
  ['#接龙 打卡\n1. 小明 跑步5公里\n2. 小红 读书', 'none'],
  // not orders
  ['进100斤土豆，进价2块8，卖3块8', 'none'],
  ['今天好累啊，发了三个快递', 'none'],
  ['面膜2盒', 'none'],
]

describe('real-chat forms', () => {
  test.each(cases)('%s', (input, expected) => {
    expect(summarize(parseMessage(input, OPTIONS))).toBe(expected)
  })

  test('a return told as a sentence is a refund, never a sale', () => {
    const parsed = parseMessage('王芳 退了一盒面膜 退款99', OPTIONS)
    expect(parsed.kind).toBe('refund')
    expect(parsed.kind === 'refund' ? [parsed.refund.customer.name, parsed.refund.amountFen] : null).toEqual(['王芳', 9900])
  })

  test('a 接龙 entry carries the same key in every copy of the chain', () => {
    const keys = (text: string): string[] => {
      const p = parseMessage(text, OPTIONS)
      return p.kind === 'order' ? p.orders.map(o => o.key ?? '') : []
    }
    const first = keys('#接龙 晚餐\n1. 桃子 1份晚餐')
    const copy = keys('#接龙 晚餐\n1. 桃子 1份晚餐\n2. Leon 2份晚餐')
    expect(copy[0]).toBe(first[0])
    expect(copy[1]).not.toBe(copy[0])
  })
})
