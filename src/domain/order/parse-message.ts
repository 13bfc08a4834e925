/** The entry point: one chat message → orders, a payment, a refund, a correction, a command, or nothing. */

import type { ParsedMessage, ParseOptions } from './draft.js'
import { chainOrders, readChain } from './chain.js'
import { isChatter } from './chatter.js'
import { parseServiceRecords } from './service-record.js'
import { normalizeText } from './normalize-text.js'
import { parseCommand } from './parse-command.js'
import { parseCorrection } from './parse-correction.js'
import { parseMoneyMovement } from './parse-money-movement.js'
import { isNameLike, UNITS } from './lexicon.js'
import { splitLabelled } from './parse-fields.js'
import { parseOrders } from './parse-orders.js'

// WeChat puts U+2005 after a mention; normalisation has made it a plain space.
const MENTIONS = /^(?:@[^\s@]{1,40}(?:\s+|$))+/
const URLS = /\b(?:https?:\/\/|www\.)[^\s\u4e00-\u9fff]*/gi

// 陈阿姨买了两盒艾条: the verb parts the buyer from what was bought.
const BOUGHT = /^([^\s\d]{1,8}?)(?:买了|购买了|购买|订了|要了|拿了|做了)\s*/u
// 一瓶精油128元和一个颈椎枕168元: 和 after a price or a count joins two items.
const AND_AFTER = /([\d元块盒瓶支个套件斤箱包])\s*(?:和|还有|加)\s*(?=[\d一二两三四五六七八九十\u4e00-\u9fff])/gu

// 萝卜干和竹笋各18: 和 inside a list that shares one count.
const AND_EACH = /([\u4e00-\u9fff])(?:和|跟|与)(?=[\u4e00-\u9fff]{1,8}\s*各)/gu

const COUNT = String.raw`(?:\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*(?:${UNITS.join('|')})`
// 帮我录番茄5斤, 来两盒面膜: asked for outright. 螺丝再来十盒: the product, then the ask.
const ASK_LEAD = new RegExp(`^(?:帮我录|帮我记|帮忙录|帮忙记|录一下|记一下|再来|来|要|订)\\s*(?=[^\\s]{0,8}${COUNT})`, 'u')
const ASK_MID = new RegExp(`^([^\\s\\d]{2,20}?)(?:再来|来|再要|要)\\s*(${COUNT})$`, 'u')
// 土豆10斤,要嫩的: a wish about the item, after it.
const ASK_TAIL = /[,，]\s*(?:要|不要)[^,，\d]{1,10}$/u
const PRONOUN = /[我你您他她它咱]/u

// 上次那些螺丝: words that point back at an earlier order, not part of the product's name.
const POINTING = /^(?:上次|上回|之前|还是|同样的|一样的)?(?:那些|这些|那个|这个|那种|这种)?(?:的)?/u

/** `老张上次那些螺丝` → `老张 螺丝`: a person (or a customer on record) in front, then the product. */
function buyerApart(text: string, options: ParseOptions): string {
  for (let len = Math.min(4, text.length - 1); len >= 2; len--) {
    const who = text.slice(0, len)
    if (options.customers?.has(who) || isNameLike(who)) return `${who} ${text.slice(len).replace(POINTING, '') || text.slice(len)}`
  }
  return text.replace(POINTING, '') || text
}

/**
 * One item asked for in words an order uses (`来2盒面膜`, `土豆10斤,要嫩的`): an order whose buyer the
 * bot then asks for. `面膜2盒` alone, or `我要3盒`, is not enough.
 */
function askedFor(text: string, options: ParseOptions): ReturnType<typeof parseOrders> {
  if (text.includes('\n') || text.length > 60) return null
  const lead = ASK_LEAD.exec(text)
  const mid = lead ? null : ASK_MID.exec(text)
  if (!lead && !mid && !ASK_TAIL.test(text)) return null
  const asked = lead ? text.slice(lead[0].length) : mid ? `${buyerApart(mid[1] as string, options)} ${mid[2] as string}` : text
  const read = parseOrders(asked, options, true)
  const lines = read?.orders.flatMap((o) => o.lines) ?? []
  return lines.length > 0 && lines.every((l) => l.qty !== null && !PRONOUN.test(l.name) && /\p{L}{2}/u.test(l.name)) ? read : null
}

const SENTENCE_WORDS = /[买购订要拿做和还加与跟]/u

/** Sentences into the shape the general reader knows: `陈阿姨 两盒艾条、…`. */
function plainSentence(text: string): string {
  if (!SENTENCE_WORDS.test(text)) return text
  return text.replace(BOUGHT, '$1 ').replace(AND_AFTER, '$1、').replace(AND_EACH, '$1、')
}

function isTemplate(text: string): boolean {
  return text.includes('\n') && text.split('\n').filter((l) => splitLabelled(l).pairs.length > 0).length >= 2
}

/** Reads one chat message; never throws, problems come back as issues. */
export function parseMessage(text: string, options: ParseOptions): ParsedMessage {
  const body = normalizeText(text).replace(MENTIONS, '').replace(URLS, ' ').replace(/ {2,}/g, ' ').trim()
  if (body === '') return { kind: 'none' }
  const correction = parseCorrection(body, options)
  if (correction) return correction
  const movement = parseMoneyMovement(body, options)
  if (movement) return movement
  const command = parseCommand(body, options)
  // `客户资料\n姓名：…\n电话：…`: a titled template, not the 客户 command.
  if (command && !isTemplate(body)) return command
  // Emoji are part of 接龙 names and dishes (`k🐮`): a chain found in the plain text is read again with them.
  if (readChain(body) !== null) {
    const chain = readChain(normalizeText(text, { keepPictures: true }).replace(MENTIONS, ''))
    const orders = chain === null ? [] : chainOrders(chain, options)
    return orders.length > 0 ? { kind: 'order', orders, issues: [] } : { kind: 'none' }
  }
  if (isChatter(body)) return { kind: 'none' }
  const services = parseServiceRecords(body, options.today)
  if (services !== null) return { kind: 'order', orders: services, issues: [] }
  const text2 = plainSentence(body)
  const orders = parseOrders(text2, options) ?? askedFor(text2, options)
  return orders ? { kind: 'order', orders: orders.orders, issues: orders.issues } : { kind: 'none' }
}
