/**
 * Crash safety: the bot runs as a child process (`node --import tsx src/main.ts`) on one real database
 * file, behind one gateway (PuppetServer + mock WeChat on 127.0.0.1). Each trial starts it, lets agents
 * send a burst of orders (and sometimes has the admin run the perks job, so the outbox is sending),
 * and kills it with SIGKILL at a seeded random moment: while it starts, during the burst, the instant
 * a confirmation arrives, or while outbound messages go out. After every kill the database must load,
 * hold every order confirmed in chat exactly once and nothing twice, and no outbox message may have
 * arrived twice. After each restart the gateway redelivers the last run's messages, every order not
 * recorded yet, and a few older messages, as gateways do after a reconnect; so in the end every order
 * delivered must be recorded, once.
 *
 * The same trials run on each engine: a database file (crash.test.ts) and PostgreSQL
 * (crash-postgres.test.ts). WXCRM_CRASH_SEED and WXCRM_CRASH_TRIALS change the seed (default
 * 20261123) and the number of trials (16 on the file, 10 on PostgreSQL, unless told).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { log } from 'wechaty-puppet'
import type { mock } from 'wechaty-puppet-mock'
import { commandWords } from '../../src/app/commands/index.js'
import type { Store } from '../../src/domain/ports.js'
import { parseMessage } from '../../src/domain/order/parse-message.js'
import { startGateway, waitFor, type Gateway } from '../helpers/gateway.js'
import { startBotProcess, type BotProcess } from './bot-process.js'
import { BotMessages, deliver, redeliver, sleep, type Delivered } from './chat.js'
import { CrashLedger, PERK_MARK, type DbCheck } from './crash-ledger.js'
import { makeOrder, pick, randomInt, seededRandom, type TestOrder } from './orders.js'

const SEED = Number(process.env.WXCRM_CRASH_SEED ?? 20261123)

type Mode = 'startup' | 'burst' | 'confirm' | 'outbox'

const ROOM_AGENTS = ['小王', '小李', '小陈']
const DM_AGENTS = ['小赵', '小刘']

/** Where the bot keeps its data in a run of trials. */
export interface CrashEngine {
  /** Environment for the bot: which database (the file `dbFile` when it names none). */
  env(dbFile: string): Record<string, string>
  /** Opens the data the way the bot does (the bot is dead by then). */
  open(dbFile: string): Promise<Store>
}

let gw: Gateway | undefined
let bot: BotProcess | undefined

/** Stops what a run left behind (its last bot and the gateway). */
export async function cleanUpCrashTrials(): Promise<void> {
  await bot?.kill()
  await gw?.stop()
}

/** The trial kinds, in proportion, shuffled with the seed. */
function schedule(random: () => number, trials: number): Mode[] {
  const startup = Math.round(trials * 0.15)
  const outbox = Math.round(trials * 0.25)
  const confirm = Math.round(trials * 0.3)
  const modes: Mode[] = [
    ...Array<Mode>(startup).fill('startup'), ...Array<Mode>(outbox).fill('outbox'), ...Array<Mode>(confirm).fill('confirm'),
    ...Array<Mode>(trials - startup - outbox - confirm).fill('burst'),
  ]
  for (let i = modes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [modes[i], modes[j]] = [modes[j]!, modes[i]!]
  }
  return modes
}

/** The trials; every expectation is checked here. */
export async function crashTrials(engine: CrashEngine, TRIALS: number): Promise<void> {
  log.level('silent')
  const started = Date.now()
  const random = seededRandom(SEED)
  gw = await startGateway()
  const g = gw
  const boss = g.mocker.createContact({ name: '老板' })
  const agents = new Map<string, mock.ContactMock>([...ROOM_AGENTS, ...DM_AGENTS].map(name => [name, g.mocker.createContact({ name })]))
  const room = g.mocker.createRoom({ topic: '报单群', memberIdList: [g.self.id, boss.id, ...ROOM_AGENTS.map(a => agents.get(a)!.id)] })
  const messages = new BotMessages(g.self.id, [room, boss, ...agents.values()])
  // A slow WeChat for outbound perks: delivered at once, acknowledged 150 ms later. A kill in between
  // leaves the entry `sending` although the message arrived: the case at-most-once is about.
  const sendText = g.puppet.messageSendText.bind(g.puppet)
  g.puppet.messageSendText = async (conversationId: string, text: string) => {
    await sendText(conversationId, text)
    if (text.includes(PERK_MARK)) await sleep(150)
  }
  const ledger = new CrashLedger(messages)

  const dir = mkdtempSync(join(tmpdir(), 'wxcrm-crash-'))
  const dbFile = join(dir, 'shop.json')
  const configFile = join(dir, 'wxcrm.config.json')
  // Outbound messages at any hour, a few per second; every customer reaches the perks milestone with
  // their first order, so `任务 perks` always has messages to send (to the agent, to pass on).
  writeFileSync(configFile, JSON.stringify({
    sending: { quietHours: { start: '00:00', end: '00:00' }, gapSeconds: { min: 0.02, max: 0.1 }, dailyCaps: { perk: 10_000 } },
    perks: { nthOrder: 1, yearlySpendYuan: 10_000_000, anniversary: false },
  }))
  const start = (): BotProcess => (bot = startBotProcess({ gateway: g, dbFile, configFile, home: dir, nice: 10, env: engine.env(dbFile) }))
  const check = (label: string): Promise<DbCheck | null> => ledger.check(() => engine.open(dbFile), label)
  const kill = async (b: BotProcess): Promise<void> => {
    await b.kill()
    // Let replies the bot wrote to its socket just before dying reach the gateway: they count too.
    await sleep(200)
  }

  // Setup: the admin adds the agents; killed once every addition is confirmed.
  let b = start()
  await b.loggedIn()
  for (const name of agents.keys()) {
    const added = messages.next(m => m.text.includes(`已添加代理：${name}`), 20_000)
    deliver(g, boss, `代理 添加 ${name}`, room)
    await added
  }
  await kill(b)
  expect(await check('setup')).not.toBeNull()

  let nextIndex = 0
  /** The message that carried each order, by customer name. */
  const carriedBy = new Map<string, Delivered>()
  let previous: Delivered[] = []
  const older: Delivered[] = []
  const modes = schedule(random, TRIALS)
  let perkKills = 0
  let last: DbCheck | null = null
  const notes: string[] = []

  for (const [t, mode] of modes.entries()) {
    const label = `trial ${t + 1} (${mode})`
    const sent: Delivered[] = []
    let stop = false
    const trialStart = Date.now()
    b = start()
    if (mode === 'startup') {
      // Dies while loading the database or connecting: the file must load the next time all the same.
      await sleep(randomInt(random, 0, 3_000))
      await kill(b)
    }
    else {
      await b.loggedIn()
      // The gateway hands over again what it delivered around the last crash, every order message not
      // recorded yet (as a gateway waiting for an acknowledgement would), and some older messages.
      const again = new Set([...previous, ...(last?.missing ?? []).map(name => carriedBy.get(name)!)])
      for (let i = 0; i < 3 && older.length > 0; i++) again.add(pick(random, older))
      for (const m of again) redeliver(g, m)

      const burst = mode === 'outbox' ? randomInt(random, 4, 8) : randomInt(random, 10, 20)
      const trialOrders: TestOrder[] = Array.from({ length: burst }, () => makeOrder(nextIndex++, random))
      const senders = trialOrders.map(() => pick(random, [...agents.keys()]))
      const gaps = trialOrders.map(() => randomInt(random, 0, 100))
      const killDelay = randomInt(random, 0, 1_500)
      const killAt = randomInt(random, 1, burst)
      // Half the outbox trials kill at the k-th perk to arrive (k no more than the perks this burst
      // earns), and the first one always does: every run has an entry cut while sending to check.
      const killsPerk = random() < 0.5 || (mode === 'outbox' && perkKills === 0)
      const perkKill = killsPerk ? randomInt(random, 1, Math.min(12, burst)) : null
      if (mode === 'outbox' && perkKill !== null) perkKills++
      const outboxDelay = randomInt(random, 100, 3_000)
      let confirmedNow = 0
      let perksNow = 0
      const off = messages.on((m) => {
        if (mode === 'confirm' && m.text.includes('已记录') && ++confirmedNow === killAt) b.signalKill()
        if (mode === 'outbox' && perkKill !== null && m.text.includes(PERK_MARK) && ++perksNow === perkKill) b.signalKill()
      })

      const sendBurst = async (): Promise<void> => {
        for (const [i, order] of trialOrders.entries()) {
          if (stop || b.exited()) return
          const agent = senders[i]!
          ledger.track(order)
          const message = deliver(g, agents.get(agent)!, order.text, ROOM_AGENTS.includes(agent) ? room : undefined)
          carriedBy.set(order.name, message)
          sent.push(message)
          await sleep(gaps[i]!)
        }
      }

      if (mode === 'outbox') {
        // Orders first, so the perks job finds new customers; then the kill lands while the queue sends.
        await sendBurst()
        await waitFor(() => trialOrders.every(o => ledger.confirmations.has(o.name)), 5_000, 'confirmations').catch(() => notes.push(`${label}: not every order confirmed before 任务 perks`))
        const answered = messages.next(m => m.text.includes('会员福利') && m.where === boss.id, 15_000).catch(() => null)
        sent.push(deliver(g, boss, '任务 perks'))
        const answer = await answered
        if (perkKill === null || answer === null) await sleep(outboxDelay)
        else await waitFor(() => b.exited(), 8_000, 'the k-th perk').catch(() => notes.push(`${label}: fewer than ${perkKill} perks sent`))
      }
      else if (mode === 'burst') {
        void sendBurst()
        await sleep(killDelay)
      }
      else {
        await sendBurst()
        await waitFor(() => b.exited(), 10_000, 'the k-th confirmation').catch(() => notes.push(`${label}: only ${confirmedNow} of ${killAt} confirmations`))
      }
      stop = true
      off()
      await kill(b)
    }
    // A run that died before logging in received nothing: the gateway still holds the earlier messages.
    if (mode !== 'startup') {
      older.push(...previous)
      previous = sent
    }
    if (process.env.WXCRM_CRASH_VERBOSE) console.error(`${label}: ${Date.now() - trialStart} ms`)
    const result = await check(label)
    if (result) last = result
  }

  // A last run lets the outbox drain; a normal stop, then the final check.
  b = start()
  await b.loggedIn()
  const loginAt = Date.now()
  const missing = (last?.missing ?? []).map(name => carriedBy.get(name)!)
  for (const m of new Set([...previous, ...missing])) redeliver(g, m)
  // Backlog (sent over two minutes before the login) is recorded without an answer; the rest is confirmed.
  const answerable = (last?.missing ?? []).filter(name => carriedBy.get(name)!.sentAt > loginAt - 110_000)
  const waiting = last?.planned ?? []
  await waitFor(() => waiting.every(p => messages.count(p.where, p.text) >= 1), 60_000, `${waiting.length} planned messages sent`)
  await waitFor(() => answerable.every(name => ledger.confirmations.has(name)), 30_000, 'redelivered orders confirmed').catch(() => {})
  await sleep(1_500)
  expect(await b.stop()).toBe(0)
  const final = await check('final')

  const confirmed = ledger.confirmed().length
  const o = final?.outbox
  console.log(`crash trials: ${TRIALS}, confirmed orders: ${confirmed}, lost: ${ledger.lost.size}, duplicated: ${ledger.duplicated.size}`)
  console.log(`outbox: ${o ? o.sent + o.sending + o.planned + o.failed + o.skipped : 0} entries, ${o?.sent ?? 0} sent, ${ledger.cut.size} cut by a kill (${final?.cutArrived ?? 0} of them had arrived; counted as sent), ${o?.planned ?? 0} still planned; sent twice: ${ledger.sentTwice.size}`)
  console.log(`crash details: seed ${SEED}, modes ${JSON.stringify(Object.fromEntries(['startup', 'burst', 'confirm', 'outbox'].map(m => [m, modes.filter(x => x === m).length])))}, orders sent ${ledger.orders.size}, recorded ${final?.recorded ?? '?'}, database loads ${ledger.loads}, ${((Date.now() - started) / 1000).toFixed(0)} s${notes.length ? `; ${notes.join('; ')}` : ''}`)

  // Every order text is one the parser reads completely (else a missing confirmation would mean nothing).
  const words = commandWords()
  const unreadable = [...ledger.orders.values()].filter((order) => {
    const p = parseMessage(order.text, { today: '2026-01-01', commandWords: words })
    return p.kind !== 'order' || p.orders.length !== 1 || p.orders[0]!.customer.name !== order.name || p.issues.length > 0 || p.orders[0]!.issues.length > 0
  })
  expect(unreadable).toEqual([])
  expect(ledger.loadFailures).toEqual([])
  expect([...ledger.lost]).toEqual([])
  expect([...ledger.duplicated]).toEqual([])
  expect(ledger.confirmedTwice()).toEqual([])
  expect([...ledger.sentTwice]).toEqual([])
  expect([...ledger.outboxProblems]).toEqual([])
  // The harness did what it says: enough confirmed orders, real kills while sending, nothing left over.
  expect(confirmed).toBeGreaterThan(TRIALS * 3)
  // With the gateway redelivering, every order delivered is recorded in the end, once.
  expect(final?.missing).toEqual([])
  expect(o?.sent).toBeGreaterThan(0)
  expect(ledger.cut.size).toBeGreaterThan(0)
  expect(o?.planned).toBe(0)
}
