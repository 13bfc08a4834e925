/**
 * Chat that mentions numbers but orders nothing: system lines, advertising, people introducing
 * themselves, and sentences with a mood (`今天好累啊，发了三个快递`). The bot stays silent on these.
 */
import { MOBILE, ORDER_PREFIXES, PAY_WORDS } from './lexicon.js'

const SYSTEM = /撤回了一条消息|^\[有\d+条新消息\]$|加入了群聊|拍了拍|以上是打招呼的内容|现在可以开始聊天了|修改群名为|^\[(?:图片|语音|视频|表情|文件|链接|位置|名片)\]$/u

// Selling words of a price list or an advert (`超级热销`, `✅ 正品 ✅ 快速发货`, `价格更划算`).
const PROMO = ['热销', '超值', '正品', '快速发货', '特价', '优惠', '限时', '抢购', '秒杀', '促销', '爆款', '划算', '直发', '新鲜直达',
  '活动价', '原价', '现价', '折扣', '福利', '立减', '欢迎选购', '欢迎咨询', '欢迎下单', '产地', '包邮', '现货', '厂家']

// Someone speaking for themselves or to the reader: a customer's message, not an agent's report.
const PERSONAL = /我叫|我是|我们|咱们|我买|给我|你们|你直接|您好/
// A clause that ends in a mood particle: `好累啊，`, `快点吧`.
const MOOD = /[\u4e00-\u9fff](?:啊|呀|吧|啦|嘛|哦|噢|哇|呢|哈哈|嘿嘿)(?=[\s,.!?~。，！？…]|$)/

const MARKED_MONEY = /¥\s*\d|\d\s*(?:元|块|rmb)/i

function promoScore(text: string): number {
  return new Set(text.match(PROMO_WORDS)).size
}

const ORDER_WORDS = new RegExp(`^[#【[(]?(?:${ORDER_PREFIXES.join('|')})|${[...PAY_WORDS.keys()].filter((w) => w.length >= 2 && !PROMO.includes(w)).join('|')}`)
const PROMO_WORDS = new RegExp(PROMO.join('|'), 'g')

// Buying stock in (`进100斤土豆，进价2块8`) is the merchant's own purchase, not a customer's order.
const STOCK = /进价|进货|入库|采购价|拿货价/

/** Whether a normalised message is talk rather than an order report. */
export function isChatter(text: string): boolean {
  if (SYSTEM.test(text.trim()) || STOCK.test(text)) return true
  if (promoScore(text) >= 2) return true
  const strong = MOBILE.test(text) || MARKED_MONEY.test(text) || ORDER_WORDS.test(text)
  if (PERSONAL.test(text)) return !(strong && MARKED_MONEY.test(text))
  return MOOD.test(text) && !strong
}
