/**
 * What the order parser understands from one chat message. Money is always integer fen (分).
 * These are drafts: nothing here is a stored record yet.
 */

export type PaymentState = 'paid' | 'unpaid' | 'deposit' | 'cod'

export interface LineDraft {
  /** Product name as written, without quantity or spec (e.g. `面膜`). */
  name: string
  qty: number | null
  unit: string | null
  /** Unit price, only when the message states one (单价199, 199元/盒, @199, 199*2). */
  unitPriceFen: number | null
  /** Line total, when the message gives an amount for this line alone (one item per line). */
  amountFen: number | null
  /** Package spec kept apart from the quantity (`600ml*24瓶` in `600ml*24瓶 4箱`). */
  spec: string | null
}

export interface CustomerDraft {
  name: string | null
  /** Normalised 11-digit mainland mobile number. */
  phone: string | null
  address: string | null
}

/** A problem found while reading a message, in Chinese, saying what would have been accepted. */
export interface ParseIssue {
  code: IssueCode
  message: string
  /** Blocking issues cannot be confirmed with 确认; the agent must resend. */
  blocking: boolean
}

export type IssueCode =
  | 'no_customer'
  | 'no_items'
  | 'no_amount'
  | 'total_mismatch'
  | 'amount_conflict'
  | 'payment_conflict'
  | 'bad_phone'
  | 'bad_amount'
  | 'deposit_too_large'
  | 'bad_date'
  /** A product line whose quantity is zero (`面膜0盒`). */
  | 'bad_qty'
  /** A `改 …` message whose target, field or value could not be read. */
  | 'bad_correction'

export interface OrderDraft {
  customer: CustomerDraft
  lines: LineDraft[]
  /** Order total: stated, or computed from unit prices / line amounts. */
  amountFen: number | null
  payment: PaymentState | null
  /**
   * Amount already paid: the full amount when paid, the deposit when deposit, 0 when unpaid or cash on
   * delivery, null when the message says nothing about payment (or the paid amount is unknown).
   */
  paidFen: number | null
  /** Date written in the message (YYYY-MM-DD), resolved against `today`; null means "message time". */
  date: string | null
  note: string | null
  /** Who brought the customer (`张姐介绍`, `介绍人：张姐`), when the message says. */
  referrer?: string | null
  issues: ParseIssue[]
  /**
   * Set on a 接龙 entry: chain and entry, the same in every copy of the chain, so a repeated entry is
   * recorded once (`#接龙 晚餐|桃子 1份#2 王阿姨`).
   */
  key?: string
}

export interface MoneyMovementDraft {
  customer: CustomerDraft
  amountFen: number | null
  date: string | null
}

export type CorrectionField = 'amount' | 'qty' | 'phone' | 'customer' | 'date' | 'payment'

export interface CorrectionDraft {
  /** Which order: the agent's last one (`上一单`), or a shown order number (`#12`). */
  target: { kind: 'last' } | { kind: 'number', no: number }
  field: CorrectionField
  /** The new value already parsed for its field: fen, quantity, phone, name, date or payment state. */
  value: number | string
  /** With field 'payment' and value 'deposit': the deposit in fen when written (`改 上一单 定金100`). */
  paidFen?: number
}

/** Zero or more orders read from a message, with what was wrong in it. */
export interface OrderParse {
  orders: OrderDraft[]
  issues: ParseIssue[]
}

/** Everything one chat message can be, as far as orders are concerned. */
export type ParsedMessage =
  | { kind: 'order', orders: OrderDraft[], issues: ParseIssue[] }
  | { kind: 'payment', payment: MoneyMovementDraft, issues: ParseIssue[] }
  | { kind: 'refund', refund: MoneyMovementDraft, issues: ParseIssue[] }
  | { kind: 'correction', correction: CorrectionDraft | null, issues: ParseIssue[] }
  | { kind: 'command', command: string, args: string[] }
  | { kind: 'none' }

export interface ParseOptions {
  /** The merchant's local date of the message, YYYY-MM-DD; used for 昨天, 11.20 and the like. */
  today: string
  /** Known product names and aliases (from the optional catalogue); helps split `李姐精华3瓶`. */
  products?: readonly string[]
  /** Customer names and aliases already on record: they make `张三面膜2盒` and a name line at the end readable. */
  customers?: ReadonlySet<string>
  /** Words that start a chat command (帮助, 代理, 确认 …): such messages are commands, not orders. */
  commandWords?: readonly string[]
}
