/**
 * How well 睡眠型 finds the customers who really stopped buying: simulated merchants with known truth
 * (ANALYTICS.md §6), classified by the real pipeline, scored by F1 of "dormant" against "dead at the
 * as-of date" among customers with at least one repeat purchase, next to the best F1 an oracle gets by
 * thresholding P(alive) computed from the TRUE parameters.
 */
import { pAlive, type BgnbdParams } from '../domain/classify/bgnbd.js'
import { dateOfDay, dayNumber } from '../domain/calendar.js'
import { classifyCustomers, type Classification } from '../domain/segment/classify.js'
import { assignGroup } from '../domain/segment/groups.js'
import type { ClassifyPolicy } from '../domain/segment/policy.js'
import type { Order } from '../domain/types.js'
import { simulateBgnbd } from './generate.js'

export interface MerchantScenario {
  name: string
  /** True BG/NBD parameters, time unit days. */
  params: BgnbdParams
  n: number
  seed: number
}

export interface DormancyScore {
  scenario: string
  n: number
  repeaters: number
  method: string
  f1: number
  oracleF1: number
  ratio: number
  precision: number
  recall: number
}

const AS_OF = '2026-06-30'
const SPEND = { p: 6, q: 4, gamma: 15 }

/** A simulated merchant as order histories (purchases after the as-of date left out), plus the truth. */
export function simulateMerchant(s: MerchantScenario): { histories: { id: string, orders: Order[], payments: [] }[], dead: Map<string, boolean> } {
  const customers = simulateBgnbd({ n: s.n, params: s.params, spend: SPEND, maxT: 365, horizon: 0, seed: s.seed })
  const asOfDay = dayNumber(AS_OF)
  const dead = new Map<string, boolean>()
  let seq = 0
  const histories = customers.map((c, i) => {
    const id = `c${i + 1}`
    dead.set(id, !c.alive)
    const first = asOfDay - Math.floor(c.T)
    const orders = c.purchases.filter(p => p.t <= c.T).map((p): Order => {
      seq++
      return {
        id: `o${seq}`, no: seq, sourceMessageId: `sim:${seq}`, recordedBy: 'sim', agentId: null, customerId: id,
        placedOn: dateOfDay(first + Math.floor(p.t)), recordedAt: '2026-06-30T00:00:00.000Z',
        lines: [], amountFen: Math.max(1, Math.round(p.amount * 100)), costFen: null, payment: 'paid', paidFen: 0,
        dueOn: null, status: 'active', refundedFen: 0, note: null,
      }
    })
    return { id, orders, payments: [] as [] }
  })
  return { histories, dead }
}

/** F1 of predicted-dead against truly dead. */
export function f1Score(pairs: readonly { predicted: boolean, truth: boolean }[]): { f1: number, precision: number, recall: number } {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const p of pairs) {
    if (p.predicted && p.truth) tp++
    else if (p.predicted) fp++
    else if (p.truth) fn++
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  return { f1: tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0, precision, recall }
}

/** The best F1 over every threshold on a score where low means dead. */
export function bestThresholdF1(scored: readonly { score: number, truth: boolean }[]): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score)
  const positives = sorted.filter(s => s.truth).length
  let tp = 0
  let best = 0
  sorted.forEach((s, k) => {
    if (s.truth) tp++
    const fp = k + 1 - tp
    const fn = positives - tp
    const next = sorted[k + 1]
    if (next && next.score === s.score) return
    best = Math.max(best, (2 * tp) / (2 * tp + fp + fn))
  })
  return best
}

/** Scores a classification (optionally regrouped under another policy) against the truth. */
export function scoreDormancy(s: MerchantScenario, c: Classification, dead: ReadonlyMap<string, boolean>, policy: ClassifyPolicy): DormancyScore {
  const repeat = c.customers.filter(x => x.summary.x >= 1)
  const pairs = repeat.map((x) => {
    const group = assignGroup({ summary: x.summary, rfm: x.rfm, pAlive: x.pAlive, expected: x.expectedPurchases }, c.merchant, policy).group
    return { predicted: group === 'dormant', truth: dead.get(x.customerId)! }
  })
  const mine = f1Score(pairs)
  const oracleF1 = bestThresholdF1(repeat.map(x => ({ score: pAlive(s.params, { x: x.summary.x, tx: x.summary.tx, T: x.summary.T }), truth: dead.get(x.customerId)! })))
  return { scenario: s.name, n: s.n, repeaters: repeat.length, method: c.models.method, ...mine, oracleF1, ratio: oracleF1 > 0 ? mine.f1 / oracleF1 : 0 }
}

/** Simulates, classifies with `policy`, and scores one scenario. */
export function evaluateScenario(s: MerchantScenario, policy: ClassifyPolicy): { score: DormancyScore, classification: Classification, dead: Map<string, boolean> } {
  const { histories, dead } = simulateMerchant(s)
  const classification = classifyCustomers(histories, AS_OF, policy)
  return { score: scoreDormancy(s, classification, dead, policy), classification, dead }
}

/** The merchants the defaults are tuned on: CDNOW-like, frequent, churny and slow buyers (days). */
export const SCENARIOS: readonly Omit<MerchantScenario, 'n' | 'seed'>[] = [
  { name: 'CDNOW 型（低频、多数只买一次）', params: { r: 0.243, alpha: 30.9, a: 0.793, b: 2.426 } },
  { name: '高频复购（每月一两次、流失慢）', params: { r: 1.5, alpha: 30, a: 0.6, b: 6 } },
  { name: '高流失（买几次就走）', params: { r: 0.8, alpha: 20, a: 1.5, b: 2 } },
  { name: '慢节奏（每季度一次）', params: { r: 1.2, alpha: 110, a: 0.7, b: 4 } },
]
