/** The tokens one chat segment splits into (see tokenize.ts). */

import type { PaymentState } from './draft.js'

export type TokenBody =
  | { kind: 'text', text: string }
  | { kind: 'sep', char: string }
  | { kind: 'qty', n: number, unit: string | null }
  | { kind: 'spec', spec: string, n: number | null, unit: string | null }
  | { kind: 'money', fen: number, marked: boolean, raw: string, monthDay: string | null }
  /** A number too long to be an exact amount; `marked` when a money suffix follows (`元`, `万`). */
  | { kind: 'huge', raw: string, marked: boolean }
  | { kind: 'price', fen: number }
  | { kind: 'mul', priceFen: number, qty: number, totalFen: number | null, raw: string }
  | { kind: 'date', date: string }
  | { kind: 'bad-date', raw: string }
  | { kind: 'phone', phone: string }
  | { kind: 'bad-phone', raw: string }
  | { kind: 'pay', state: PaymentState, fen: number | null }
  | { kind: 'total' }
  | { kind: 'each', n: number, unit: string | null }
  | { kind: 'prefix' }
  | { kind: 'junk' }

/** A token; `gap` says whether whitespace came right before it. */
export type Token = TokenBody & { gap: boolean }

export interface Match {
  body: TokenBody
  end: number
}
