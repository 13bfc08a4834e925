import { describe, expect, test } from 'vitest'
import { asksForSameAgain, asksToReturn, looksLikeProduct, ownOrderText } from '../../../src/domain/order/own-words.js'

describe('ownOrderText: a customer\'s words without the greeting, 给我 and the final particle', () => {
  test.each([
    ['面膜2盒', '面膜2盒'],
    ['再给我来两盒面膜', '再来两盒面膜'],
    ['您好，面膜2盒', '面膜2盒'],
    ['你好！在吗？面膜2盒', '面膜2盒'],
    ['老板，面膜2盒', '面膜2盒'],
    ['我要面膜2盒 398元', '面膜2盒 398元'],
    ['我要两盒面膜', '要两盒面膜'],
    ['我还要3盒面膜', '要3盒面膜'],
    ['给我寄2盒面膜', '来2盒面膜'],
    ['麻烦帮我下单面膜2盒', '下单面膜2盒'],
    ['要两盒面膜吧', '要两盒面膜'],
    ['再来两盒面膜哦~', '再来两盒面膜'],
    // Left as they are: the words that make them talk.
    ['今天好累啊，发了三个快递', '今天好累啊，发了三个快递'],
    ['我买了2盒面膜，很好用', '我买了2盒面膜，很好用'],
    ['我是张三', '我是张三'],
    ['老板娘面膜2盒', '老板娘面膜2盒'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(ownOrderText(input)).toBe(expected)
  })
})

describe('what a customer\'s words ask for', () => {
  test.each([
    ['我要退2盒面膜', true], ['退货', true], ['能换货吗', true], ['退款怎么弄', true], ['退订', true],
    ['面膜2盒', false], ['再来两盒', false],
  ])('asksToReturn(%j) = %s', (text, expected) => {
    expect(asksToReturn(text)).toBe(expected)
  })

  test.each([
    ['再来一单', true], ['老样子再来一份', true], ['和上次一样', true], ['照旧', true], ['还要', true],
    ['面膜2盒', false], ['收到了', false],
  ])('asksForSameAgain(%j) = %s', (text, expected) => {
    expect(asksForSameAgain(text)).toBe(expected)
  })

  test.each([
    ['面膜', true], ['洗面奶', true], ['无米粿-韭菜', true],
    ['不够用', false], ['买的', false], ['老样子再来', false], ['', false], ['一二三四五六七八九十一', false],
  ])('looksLikeProduct(%j) = %s', (name, expected) => {
    expect(looksLikeProduct(name)).toBe(expected)
  })
})
