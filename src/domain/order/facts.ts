/** What one segment of a message says: the facts analyze-segment.ts reads out of its tokens. */

import type { LineDraft, PaymentState } from './draft.js'

export interface MoneyFact {
  fen: number
  marked: boolean
  /** The date this amount would be if it is really a bare `11.20`. */
  monthDay: string | null
  /** First thing in its segment (`11.20 张三 …`). */
  leading: boolean
  total: boolean
}

export interface PayFact {
  state: PaymentState
  fen: number | null
}

/** A number too long to be an exact amount (`¥99999999999999999999`). */
export interface HugeFact {
  raw: string
  /** Written as money: a money suffix, or right after `¥`, `合计`, `已付`, `定金`, `金额`, `单价`. */
  money: boolean
}

export interface SegmentFacts {
  prefix: boolean
  lead: string | null
  items: LineDraft[]
  texts: string[]
  notes: string[]
  monies: MoneyFact[]
  phones: string[]
  badPhones: string[]
  dates: string[]
  badDates: string[]
  pays: PayFact[]
  /** Numbers too long for money; those after `身份证`, `单号`, `卡号` and the like are left out. */
  huge: HugeFact[]
  looseQty: { n: number, unit: string | null } | null
  loosePrice: number | null
  /** Who brought the customer, from `张姐介绍` / `王丽推荐的`. */
  referrers: string[]
}
