/**
 * A customer writing their own order talks to the shop: `您好，再给我来两盒面膜吧`. The greeting, the
 * 给我 and the particle at the end are what makes an agent's report read as chat, so they are taken
 * off before the customer's words are read as an order (`再来两盒面膜`). Words that tell of something
 * else (`我买了…很好用`, `我是…`, `今天好累啊，…`) are left as they are and stay chat.
 */

const GREETING = /^(?:(?:您好|你好|在吗|在不在|哈喽)[\s,，!！?？.。~～、]*|(?:嗨|亲爱的|亲|老板|店长|美女|帅哥|姐姐?|宝)[\s,，!！.。~～、]+)+/u
const POLITE = /^(?:麻烦(?:你|您)?|劳驾|请|那)\s*/u
// 帮我, 给我, 替我 before what is asked for: `再给我来两盒`, `帮我下单面膜2盒`, `给我寄2盒面膜`.
const FOR_ME = /(?:帮我|给我|替我|帮忙)(?=[\u4e00-\u9fff\d])/gu
// 我要, 我还要, 我想要, 我再来: the 我 goes, the asking stays.
const I_ASK = /^我(?:们)?(?=(?:想要|还要|再要|要|再来|来|想订|订))/u
const ASK = /^(?:想要|还要|再要|还想要|想订)/u
// 寄2盒面膜, 发两盒面膜: sending asked for is an order of it.
const SEND = /^(?:寄|发|拿)(?=\s*(?:\d|[一二两三四五六七八九十]))/u
const TAIL = /[\s啊呀吧啦嘛哦噢哇呢哈~～!！。.,，]+$/u
// 要面膜2盒: asking, then the product (`来两盒面膜` keeps its 来: the parser reads a count after it).
const ASK_THEN_ITEM = /^(?:再来|再要|要|来|订)(?=[^\s\d一二两三四五六七八九十半个])/u

/** The message without the greeting in front (`你好！在吗？面膜2盒` → `面膜2盒`): what a question is judged on. */
export function withoutGreeting(text: string): string {
  return text.trim().replace(GREETING, '')
}

/** The customer's words with the greeting, the 给我 and the final particle taken off. */
export function ownOrderText(text: string): string {
  let t = text.trim()
  for (let before = ''; before !== t;) {
    before = t
    t = t.replace(GREETING, '').replace(POLITE, '').replace(TAIL, '').trim()
  }
  t = t.replace(FOR_ME, '').replace(I_ASK, '').replace(ASK, '要').replace(SEND, '来').replace(ASK_THEN_ITEM, '')
  return t.trim()
}

// 我要退2盒面膜, 换货, 退款: sending back is not an order.
const RETURN = /退货|退款|退钱|退换|换货|退回|(?:^|要|想)退/u

/** A return or refund asked for (`我要退2盒面膜`): never read as an order. */
export function asksToReturn(text: string): boolean {
  return RETURN.test(text)
}

// 再来一单, 老样子再来一份, 和上次一样: the same again, without saying what that was.
const AGAIN = /再来|再要|再订|再买|还要|老样子|照旧|照上次|(?:和|跟|同)上次一样|还是那个/u

/** The same order again, asked for without naming it: a person who knows the customer must read it. */
export function asksForSameAgain(text: string): boolean {
  return AGAIN.test(text)
}

// 不够用, 买的, 收到了, 老样子再来: words of a sentence, not of a product's name.
const SENTENCE = /[的了吗呢吧啊呀没很太也都就还再又想要买够用收到过]/u

/**
 * Whether a name read from a customer's words without any order word (`面膜2盒`) can be a product:
 * `3盒不够用` and `昨天买的2盒收到了` are sentences about what they have.
 */
export function looksLikeProduct(name: string): boolean {
  return name.length > 0 && name.length <= 10 && !SENTENCE.test(name)
}
