/**
 * Bad input: 100,000 generated messages through the parser and 100,000 through the router (admin, agent and
 * a stranger; in the order group and privately). Nothing may throw, every reply must be a documented one,
 * nothing out of bounds may be recorded, and memory must not grow beyond what the store holds.
 */
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, describe, expect, test } from 'vitest'
import { commandWords } from '../../src/app/commands/index.js'
import { FAILED_REPLY } from '../../src/app/router/router.js'
import { MAX_AMOUNT_FEN } from '../../src/domain/money.js'
import type { ParsedMessage, ParseIssue, ParseOptions } from '../../src/domain/order/draft.js'
import { parseMessage } from '../../src/domain/order/parse-message.js'
import type { Store } from '../../src/domain/ports.js'
import { withAgents } from '../helpers/test-app.js'
import { longMessage, sampleMessages } from './fuzz-messages.js'
import { echoable, inexactMoney, replyProblems, replyShape } from './reply-shapes.js'

const SEED = 20_261_123
const MESSAGES = 100_000
const BATCH = 5_000
/**
 * Messages per conversation: each is a fresh app (store, router) dropped afterwards, so the router's memory
 * of recent message ids (10,000) fills up and the classification stays quick.
 */
const SESSION = 20_000
const LONG_PER_BATCH = 1
/** How much more heap may stay in use after the last conversation than after the first one, once all are dropped. */
const RETAINED_GROWTH_MB = 5
/** What a live conversation may hold (its store, the router's caches), per message it has handled. */
const LIVE_PER_MESSAGE_KB = 1

const STRANGER_SHAPES = new Set(['own order', 'own order passed on', 'opted out', 'opted in'])
const OPTIONS: ParseOptions = { today: '2026-11-23', commandWords: commandWords() }
const stats = { parsed: 0, routed: 0, exceptions: 0, shapes: 0, retainedMb: 0, liveMb: 0 }

/** A collector (global.gc, exposed at run time when node was started without --expose-gc). */
function findGc(): (() => void) | null {
  if (typeof globalThis.gc === 'function') return globalThis.gc
  try {
    v8.setFlagsFromString('--expose-gc')
    return vm.runInNewContext('gc') as () => void
  }
  catch {
    return null
  }
}
const gc = findGc()

/** Heap in use after a full collection (without a collector: the least of a few samples). */
function heapMb(): number {
  if (gc) {
    gc()
    gc()
    return process.memoryUsage().heapUsed / 2 ** 20
  }
  let least = Infinity
  for (let i = 0; i < 5; i++) least = Math.min(least, process.memoryUsage().heapUsed / 2 ** 20)
  return least
}

const isSane = (fen: number): boolean => Number.isSafeInteger(fen) && fen > 0 && fen <= MAX_AMOUNT_FEN
const refusesAmount = (issues: readonly ParseIssue[]): boolean => issues.some(i => i.code === 'bad_amount' && i.blocking)

/** What is wrong with one parse of `text`, as far as bounds and messages go. */
function parseProblems(text: string, p: ParsedMessage): string[] {
  const problems: string[] = []
  const issues = 'issues' in p ? [...p.issues, ...(p.kind === 'order' ? p.orders.flatMap(o => o.issues) : [])] : []
  for (const i of issues) {
    // An issue may quote what was written (`电话“¥9999…”`), never an amount it worked out inexactly.
    const inexact = inexactMoney(i.message)
    const quoted = inexact.length > 0 ? new Set(echoable(text)) : null
    if (!/[\u4E00-\u9FFF]/u.test(i.message) || /undefined|NaN|Infinity|\de\+/u.test(i.message) || inexact.some(f => !quoted?.has(f)))
      problems.push(`issue text ${i.message}`)
  }
  if (p.kind === 'order') {
    for (const o of p.orders) {
      const money = [o.amountFen, o.paidFen, ...o.lines.flatMap(l => [l.amountFen, l.unitPriceFen])]
      if (money.some(f => f !== null && !Number.isSafeInteger(f))) problems.push('unsafe integer in an order draft')
      if (o.amountFen !== null && !isSane(o.amountFen) && !refusesAmount(o.issues)) problems.push(`amount ${o.amountFen} not refused`)
    }
  }
  if (p.kind === 'payment' || p.kind === 'refund') {
    const { amountFen } = p.kind === 'payment' ? p.payment : p.refund
    if (amountFen !== null && !isSane(amountFen) && !refusesAmount(p.issues)) problems.push(`${p.kind} ${amountFen} not refused`)
  }
  if (p.kind === 'correction' && p.correction?.field === 'amount' && !isSane(Number(p.correction.value)))
    problems.push(`correction to ${p.correction.value}`)
  return problems
}

/** Everything recorded is within bounds: amounts in (0, max] or still to be filled in, the rest consistent. */
function storeProblems(store: Store): string[] {
  const problems: string[] = []
  for (const o of store.orders.all()) {
    if (o.amountFen !== null && !isSane(o.amountFen)) problems.push(`order #${o.no} amount ${o.amountFen}`)
    // A deposit may be known before the total (金额待补 with 定金¥50).
    if (!Number.isSafeInteger(o.paidFen) || o.paidFen < 0 || o.paidFen > (o.amountFen ?? MAX_AMOUNT_FEN)) problems.push(`order #${o.no} paid ${o.paidFen} of ${o.amountFen}`)
    if (o.refundedFen < 0 || o.refundedFen > (o.amountFen ?? 0)) problems.push(`order #${o.no} refunded ${o.refundedFen}`)
    // A line may cost nothing (a gift), never less.
    for (const l of o.lines) {
      for (const f of [l.amountFen, l.unitPriceFen]) if (f !== null && f !== 0 && !isSane(f)) problems.push(`order #${o.no} line ${l.name} ${f}`)
    }
  }
  for (const p of store.payments.all()) if (!isSane(p.amountFen)) problems.push(`payment ${p.id} ${p.amountFen}`)
  for (const r of store.refunds.all()) if (!isSane(r.amountFen)) problems.push(`refund ${r.id} ${r.amountFen}`)
  return problems
}

const short = (text: string): string => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…(${text.length})` : text)

/** One conversation of SESSION messages on a fresh app; problems go to `failures`, reply shapes are counted. */
async function converse(index: number, failures: string[], shapes: Map<string, number>): Promise<{ recorded: number, heapMb: number }> {
  const app = await withAgents()
  const seen = new Set<string>()
  const speakers = [app.boss, app.wang, app.stranger]
  for (let b = 0; b < SESSION / BATCH; b++) {
    const batchNo = index * (SESSION / BATCH) + b
    const batch = sampleMessages(SEED + 1_000 + batchNo, BATCH - LONG_PER_BATCH)
    for (let k = 0; k < LONG_PER_BATCH; k++) batch.push(longMessage(batchNo * LONG_PER_BATCH + k + 3))
    for (const [i, text] of batch.entries()) {
      stats.routed++
      for (const w of echoable(text)) seen.add(w)
      // Admin, agent and stranger in turn; three in the order group, three privately.
      const where: { room?: string } = Math.floor(i / 3) % 2 === 0 ? { room: app.room } : {}
      let replies: string[]
      try {
        replies = await app.say(speakers[i % 3]!, text, where)
      }
      catch (error) {
        stats.exceptions++
        failures.push(`${short(text)} threw ${String(error)}`)
        continue
      }
      for (const reply of replies) {
        // The router's error boundary turns every exception into this apology: it is how one shows here.
        if (reply === FAILED_REPLY) {
          stats.exceptions++
          failures.push(`${short(text)} failed inside the router`)
          continue
        }
        const shape = replyShape(reply)
        if (shape === null) failures.push(`${short(text)} → undocumented reply ${short(reply)}`)
        else shapes.set(shape, (shapes.get(shape) ?? 0) + 1)
        // Strangers get nothing, except a customer ordering by themself (then, linked, an order passed on, 退订 or 订阅).
        if (i % 3 === 2 && (where.room !== undefined || !STRANGER_SHAPES.has(shape ?? '')))
          failures.push(`${short(text)} → stranger got ${short(reply)}`)
        for (const p of replyProblems(reply, seen)) failures.push(`${short(text)} → ${short(reply)}: ${p}`)
      }
    }
  }
  for (const f of app.chat.files) {
    if (!/^(?:客户金字塔|月度收入)-\d{4}-\d{2}-\d{2}\.png$|^客户导出-\d{4}-\d{2}-\d{2}\.csv$/u.test(f.name) || f.bytes.length === 0)
      failures.push(`file ${f.name} (${f.bytes.length} bytes)`)
  }
  failures.push(...storeProblems(app.store))
  return { recorded: app.store.orders.all().length, heapMb: heapMb() }
}

afterAll(() => {
  console.log(`fuzz: ${stats.parsed} messages to the parser and ${stats.routed} to the router, ${stats.exceptions} exceptions, `
    + `replies in ${stats.shapes} documented shapes, heap growth ${stats.retainedMb.toFixed(1)} MB `
    + `(a live conversation of ${SESSION} messages held ${stats.liveMb.toFixed(1)} MB${gc ? '' : ', sampled without a collector'})`)
})

describe('bad input', () => {
  test(`the parser reads ${MESSAGES} generated messages without throwing, refusing every insane amount`, () => {
    const failures: string[] = []
    for (let b = 0; b < MESSAGES / BATCH; b++) {
      const batch = sampleMessages(SEED + b, BATCH - LONG_PER_BATCH)
      for (let k = 0; k < LONG_PER_BATCH; k++) batch.push(longMessage(b * LONG_PER_BATCH + k))
      for (const text of batch) {
        stats.parsed++
        let parsed: ParsedMessage
        try {
          parsed = parseMessage(text, OPTIONS)
        }
        catch (error) {
          stats.exceptions++
          failures.push(`${short(text)} threw ${String(error)}`)
          continue
        }
        for (const p of parseProblems(text, parsed)) failures.push(`${short(text)}: ${p}`)
      }
    }
    expect(stats.parsed).toBe(MESSAGES)
    expect(failures.slice(0, 20)).toEqual([])
  }, 240_000)

  test(`the router answers ${MESSAGES} generated messages with documented replies only, within memory bounds`, async () => {
    const failures: string[] = []
    const shapes = new Map<string, number>()
    const heapAfter: number[] = []
    let recorded = 0
    for (let s = 0; s < MESSAGES / SESSION; s++) {
      const conversation = await converse(s, failures, shapes)
      recorded += conversation.recorded
      // The conversation's app is out of reach now: what stays is what a long-running bot would keep.
      heapAfter.push(heapMb())
      stats.liveMb = Math.max(stats.liveMb, conversation.heapMb - heapAfter[s]!)
    }
    stats.shapes = shapes.size
    stats.retainedMb = heapAfter[heapAfter.length - 1]! - heapAfter[0]!
    expect(failures.slice(0, 20)).toEqual([])
    expect(stats.exceptions).toBe(0)
    // The run must reach the ledger and its refusals, not only chatter.
    expect(recorded).toBeGreaterThan(1_000)
    expect([...shapes.keys()]).toEqual(expect.arrayContaining([
      'order recorded', 'order refused', 'order question', 'payment recorded', 'refund recorded', 'corrected', 'undone',
      'movement refused', 'correction unread', 'usage', 'role only', 'hint', 'help', 'overview', 'profile',
    ]))
    // A finished conversation leaves nothing behind; a live one holds little per message.
    expect(stats.retainedMb).toBeLessThan(RETAINED_GROWTH_MB)
    expect(stats.liveMb).toBeLessThan((SESSION * LIVE_PER_MESSAGE_KB) / 1024)
  }, 480_000)
})
