/** The entry point: one chat message → orders, a payment, a refund, a correction, a command, or nothing. */

import type { ParsedMessage, ParseOptions } from './draft.js'
import { chainOrders, readChain } from './chain.js'
import { isChatter } from './chatter.js'
import { parseServiceRecords } from './service-record.js'
import { normalizeText } from './normalize-text.js'
import { parseCommand } from './parse-command.js'
import { parseCorrection } from './parse-correction.js'
import { parseMoneyMovement } from './parse-money-movement.js'
import { splitLabelled } from './parse-fields.js'
import { parseOrders } from './parse-orders.js'

// WeChat puts U+2005 after a mention; normalisation has made it a plain space.
const MENTIONS = /^(?:@[^\s@]{1,40}(?:\s+|$))+/
const URLS = /\b(?:https?:\/\/|www\.)[^\s\u4e00-\u9fff]*/gi

// 陈阿姨买了两盒艾条: the verb parts the buyer from what was bought.
const BOUGHT = /^([^\s\d]{1,8}?)(?:买了|购买了|购买|订了|要了|拿了|做了)\s*/u
// 一瓶精油128元和一个颈椎枕168元: 和 after a price or a count joins two items.
const AND_AFTER = /([\d元块盒瓶支个套件斤箱包])\s*(?:和|还有|加)\s*(?=[\d一二两三四五六七八九十\u4e00-\u9fff])/gu

/** Sentences into the shape the general reader knows: `陈阿姨 两盒艾条、…`. */
function plainSentence(text: string): string {
  return text.replace(BOUGHT, '$1 ').replace(AND_AFTER, '$1、')
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
  const orders = parseOrders(plainSentence(body), options)
  return orders ? { kind: 'order', orders: orders.orders, issues: orders.issues } : { kind: 'none' }
}
