/** Corrections: `改 上一单 金额 298`, `改 #12 数量 3`, `改 上一单 已付` and the like. */

import { amountProblem, isTooLongForMoney, parseMoney } from '../money.js'
import type { CorrectionDraft, CorrectionField, ParsedMessage, ParseIssue, ParseOptions } from './draft.js'
import { cleanText } from './analyze-segment.js'
import { parseChineseNumber } from './chinese-number.js'
import { badAmount, badCorrection, badDate, badPhone, unreadableAmount } from './issues.js'
import { parseDate } from './parse-date.js'
import { tokenize } from './tokenize.js'

type Correction = Extract<ParsedMessage, { kind: 'correction' }>
type Target = CorrectionDraft['target']

const START = /^(?:修改|更改|更正|改)(?=[\s:#]|上|刚|最后|这|第|单号|金额|总价|价格|数量|电话|手机|客户|名字|姓名|日期|时间|付款|已付|未付|到付|货到付款|定金|订金|$)/
const LAST = /^(?:上一单|上单|上一笔|上笔|刚才那单|刚才那笔|刚才的|刚刚那单|最后一单|这单|这一单)/
const NUMBERED = /^(?:#\s*(\d{1,9})|第\s*(\d{1,9})\s*单|(\d{1,9})\s*号单|单号\s*:?\s*(\d{1,9}))/
const FIELDS: ReadonlyArray<readonly [RegExp, CorrectionField]> = [
  [/^(?:金额|总价|总额|价格|价钱|合计|钱)/, 'amount'],
  [/^(?:数量|件数|个数)/, 'qty'],
  [/^(?:联系电话|手机号码|手机号|手机|电话|号码)/, 'phone'],
  [/^(?:客户名|客户|名字|姓名|收货人)/, 'customer'],
  [/^(?:下单日期|日期|时间)/, 'date'],
  [/^(?:付款状态|付款|支付|状态)/, 'payment'],
]
const LINK = /^\s*(?:改成|改为|改到|换成|为|是|=|:)?\s*/
const QTY = /^(\d{1,6}(?:\.\d{1,3})?|[零〇一二两三四五六七八九十百千万]{1,8})\s*[\u4e00-\u9fff]{0,2}$/
const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/

function readTarget(rest: string): { target: Target, rest: string } {
  const last = LAST.exec(rest)
  if (last) return { target: { kind: 'last' }, rest: rest.slice(last[0].length) }
  const numbered = NUMBERED.exec(rest)
  if (numbered) {
    const no = Number(numbered[1] ?? numbered[2] ?? numbered[3] ?? numbered[4])
    return { target: { kind: 'number', no }, rest: rest.slice(numbered[0].length) }
  }
  // 改 金额 298 without a target means the agent's last order.
  return { target: { kind: 'last' }, rest }
}

type Value = { value: number | string, paidFen?: number } | ParseIssue | null

function readValue(field: CorrectionField, raw: string, options: ParseOptions): Value {
  const text = raw.trim()
  if (text === '') return null
  switch (field) {
    case 'amount': {
      // 改 上一单 金额 -5: a negative amount is refused as such, not "not understood".
      const sign = /^-\s*/.exec(text)
      const body = text.slice(sign?.[0].length ?? 0)
      const fen = parseMoney(body)
      const digits = body.replace(/^¥/, '').replace(/(?:元|块)$/, '')
      if (fen === null) return isTooLongForMoney(digits) ? unreadableAmount(`${sign ? '-' : ''}${digits}`) : null
      const signed = sign ? -fen : fen
      return amountProblem(signed) !== null ? badAmount(signed) : { value: signed }
    }
    case 'qty': {
      const m = QTY.exec(text)
      const n = m ? parseChineseNumber(m[1] as string, { sequence: false }) : null
      return n !== null && n > 0 ? { value: n } : null
    }
    case 'phone': {
      const digits = text.replace(/[\s-]/g, '')
      const m = MOBILE.exec(digits)
      if (m) return { value: m[1] as string }
      return /\d{5,}/.test(digits) ? badPhone(text) : null
    }
    case 'customer': {
      const name = cleanText(text)
      return name !== '' && name.length <= 20 ? { value: name } : null
    }
    case 'date': {
      const date = parseDate(text, options.today)
      if (date === null) return badDate(text)
      return date.ok ? { value: date.value } : date.error
    }
    case 'payment': {
      const pay = tokenize(text, options.today).find((t) => t.kind === 'pay')
      if (pay?.kind !== 'pay') return null
      return pay.fen !== null && pay.state === 'deposit' ? { value: pay.state, paidFen: pay.fen } : { value: pay.state }
    }
  }
}

/** Reads a `改 …` message; null when the message is not a correction at all. */
export function parseCorrection(text: string, options: ParseOptions): Correction | null {
  const start = START.exec(text)
  if (start === null || text.includes('\n')) return null
  const { target, rest: afterTarget } = readTarget(text.slice(start[0].length).replace(/^[\s:,]+/, ''))
  const rest = afterTarget.replace(/^[\s:,的]+/, '')
  const named = FIELDS.find(([re]) => re.test(rest))
  const field: CorrectionField = named ? named[1] : 'payment'
  const valueText = named ? rest.replace(named[0], '').replace(LINK, '') : rest
  const value = readValue(field, valueText, options)
  if (value === null) return { kind: 'correction', correction: null, issues: [badCorrection()] }
  if ('code' in value) return { kind: 'correction', correction: null, issues: [value] }
  const correction: CorrectionDraft = { target, field, value: value.value }
  if (value.paidFen !== undefined) correction.paidFen = value.paidFen
  return { kind: 'correction', correction, issues: [] }
}
