/**
 * What the crash harness knows from the chat side (which orders were confirmed, which outbound
 * messages arrived where) and its checks against the database, opened between two runs of the bot
 * the way the bot opens it (each engine's own opener) and through the `Store` interface only.
 */
import type { Store } from '../../src/domain/ports.js'
import type { OutboxEntry } from '../../src/domain/outreach/outbox.js'
import type { BotMessages } from './chat.js'
import { confirmedName, type TestOrder } from './orders.js'

/** Text of a perk the bot asks an agent to pass on (src/domain/outreach/perks.ts). */
export const PERK_MARK = '达成了会员福利'

export interface DbCheck {
  /** Orders of this run found in the database. */
  recorded: number
  /** Names of the orders delivered so far that are not in the database (never confirmed, or lost). */
  missing: string[]
  /** Outbox entries by status. */
  outbox: Record<OutboxEntry['status'], number>
  /** Messages of entries cut by a kill that did reach the chat. */
  cutArrived: number
  /** Entries still waiting to be sent: where they go and their text. */
  planned: { where: string, text: string }[]
}

export class CrashLedger {
  /** Every order delivered to the gateway so far, by its unique customer name. */
  readonly orders = new Map<string, TestOrder>()
  /** How many confirmations (`✅ 已记录`) arrived in chat, by customer name. */
  readonly confirmations = new Map<string, number>()
  /** Confirmed orders missing from the database, by name: where they were found missing first. */
  readonly lost = new Map<string, string>()
  /** Orders in the database more than once, by name: how often, and where first. */
  readonly duplicated = new Map<string, string>()
  /** Outbox entries whose message arrived more than once, by dedupe key. */
  readonly sentTwice = new Map<string, string>()
  /** Entries a kill left `sending` (the next start counts them as sent), by dedupe key. */
  readonly cut = new Set<string>()
  /** Other broken promises of the outbox, described. */
  readonly outboxProblems = new Set<string>()
  readonly loadFailures: string[] = []
  loads = 0

  constructor(private readonly messages: BotMessages) {
    messages.on((m) => {
      const name = confirmedName(m.text)
      if (name !== null && this.orders.has(name)) this.confirmations.set(name, (this.confirmations.get(name) ?? 0) + 1)
    })
  }

  track(order: TestOrder): void {
    this.orders.set(order.name, order)
  }

  /** Orders confirmed in chat at least once. */
  confirmed(): string[] {
    return [...this.confirmations.keys()]
  }

  /** Orders confirmed more than once (a redelivered message answered again). */
  confirmedTwice(): string[] {
    return [...this.confirmations].filter(([, n]) => n > 1).map(([name]) => name)
  }

  /**
   * Opens the database (the bot must be dead: the file is locked per process) and checks: it loads;
   * every confirmed order is there exactly once; no order is there twice; every outbox message arrived
   * at most once, a `sent` one exactly once, a `planned` one not yet; every perk that arrived is in the
   * outbox.
   */
  async check(open: () => Promise<Store>, label: string): Promise<DbCheck | null> {
    let store: Store
    try {
      store = await open()
    }
    catch (error) {
      this.loadFailures.push(`${label}: ${String(error)}`)
      return null
    }
    this.loads++
    try {
      const perPhone = new Map<string, number>()
      for (const o of store.orders.all()) {
        const phone = store.customers.byId(o.customerId)?.phone
        if (phone) perPhone.set(phone, (perPhone.get(phone) ?? 0) + 1)
      }
      let recorded = 0
      const missing: string[] = []
      for (const order of this.orders.values()) {
        const n = perPhone.get(order.phone) ?? 0
        if (n > 0) recorded++
        else missing.push(order.name)
        if (n > 1 && !this.duplicated.has(order.name)) this.duplicated.set(order.name, `×${n} (${label})`)
        if (n === 0 && this.confirmations.has(order.name) && !this.lost.has(order.name)) this.lost.set(order.name, label)
      }

      const outbox: DbCheck['outbox'] = { planned: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }
      const planned: DbCheck['planned'] = []
      const texts = new Set<string>()
      for (const e of store.outbox.all()) {
        outbox[e.status]++
        const where = e.to.roomId ?? e.to.contactId
        if (e.text === undefined || where === undefined) continue
        texts.add(e.text)
        const arrived = this.messages.count(where, e.text)
        if (arrived > 1 && !this.sentTwice.has(e.dedupeKey)) this.sentTwice.set(e.dedupeKey, `×${arrived} (${label})`)
        if (e.status === 'sending') this.cut.add(e.dedupeKey)
        if (e.status === 'sent' && arrived === 0 && !this.cut.has(e.dedupeKey)) this.outboxProblems.add(`${e.dedupeKey} marked sent but never arrived (${label})`)
        if (e.status === 'planned' && arrived > 0) this.outboxProblems.add(`${e.dedupeKey} arrived but is planned again (${label})`)
        if (e.status === 'planned') planned.push({ where, text: e.text })
      }
      const cutArrived = store.outbox.all().filter(e => this.cut.has(e.dedupeKey) && e.text !== undefined && this.messages.count(e.to.roomId ?? e.to.contactId ?? '', e.text) > 0).length
      for (const m of this.messages.all) {
        if (m.text.includes(PERK_MARK) && !texts.has(m.text)) this.outboxProblems.add(`a perk arrived that the outbox does not hold (${label}): ${m.text.slice(0, 40)}`)
      }
      return { recorded, missing, outbox, cutArrived, planned }
    }
    finally {
      await store.close()
    }
  }
}
