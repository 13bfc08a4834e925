/**
 * A local WeChat gateway for end-to-end tests: a PuppetServer on 127.0.0.1 wrapping the mock puppet,
 * exactly what wechaty-puppet-service talks to in production. Plus a scripted chat to drive it.
 */
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { randomUUID } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import { createServer } from 'node:net'
import { mock } from 'wechaty-puppet-mock'
import * as PUPPET from 'wechaty-puppet'
import { PuppetServer } from 'wechaty-puppet-service'
import type { Store } from '../../src/domain/ports.js'
import { parseConfig, type Config } from '../../src/app/config.js'
import { createBotApp, type BotApp, type BotAppOptions } from '../../src/bot.js'
import { silentLogger } from '../../src/domain/logger.js'
import { GatewayPuppet } from '../../src/adapters/wechaty/gateway-puppet.js'
import { LocalPuppet } from '../../src/adapters/wechaty/mock-puppet.js'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

export interface Gateway {
  endpoint: string
  token: string
  mocker: mock.Mocker
  puppet: LocalPuppet
  self: mock.ContactMock
  stop(): Promise<void>
  /**
   * The gateway goes away: its gRPC server shuts down, the mock WeChat behind it keeps running (still
   * logged in, as a real gateway's account would be).
   */
  stopServer(): Promise<void>
  /** The gateway comes back: a new server on the same endpoint and token, over the same mock WeChat. */
  startServer(): Promise<void>
  /** A PuppetService client for this gateway, as the bot uses in production. */
  client(): GatewayPuppet
}

export interface GatewayOptions {
  /** How often the mock WeChat sends a heartbeat while logged in (default 5 s). */
  heartbeatMs?: number
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const mocker = new mock.Mocker()
  const puppet = new LocalPuppet({ mocker, selfName: '店小二', heartbeatMs: options.heartbeatMs ?? 5_000 })
  const endpoint = `127.0.0.1:${await freePort()}`
  const token = `insecure_${randomUUID()}`
  let server: PuppetServer | undefined
  const startServer = async (): Promise<void> => {
    if (server) throw new Error('the gateway server is already running')
    const next = new PuppetServer({ endpoint, token, puppet, tls: { disable: true } } as ConstructorParameters<typeof PuppetServer>[0])
    await next.start()
    server = next
  }
  const stopServer = async (): Promise<void> => {
    const running = server
    server = undefined
    await running?.stop()
  }
  await startServer()
  return {
    endpoint,
    token,
    mocker,
    puppet,
    self: puppet.selfContact!,
    stop: stopServer,
    stopServer,
    startServer,
    client: () => new GatewayPuppet({ endpoint, token, tls: { disable: true } }),
  }
}

type Received = { text: string, at: number, id: string, type: number }

/** Records what the bot sends into a room or to a contact, and waits for it. */
export class Inbox {
  readonly received: Received[] = []
  #waiters: { n: number, resolve: () => void }[] = []
  /** Texts typed under the bot's own account (the merchant's phone): not answers from the bot. */
  readonly #typedBySelf: string[] = []

  constructor(target: mock.ContactMock | mock.RoomMock, selfId: string) {
    (target as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.payload.talkerId !== selfId) return
      const typed = this.#typedBySelf.indexOf(m.payload.text ?? '')
      if (typed >= 0) {
        this.#typedBySelf.splice(typed, 1)
        return
      }
      this.received.push({ text: m.payload.text ?? '', at: Date.now(), id: m.payload.id, type: m.payload.type })
      for (const w of this.#waiters.filter(w => this.received.length >= w.n)) w.resolve()
      this.#waiters = this.#waiters.filter(w => this.received.length < w.n)
    })
  }

  /** Resolves with the `n`th message (1-based) once it has arrived. */
  async nth(n: number, timeoutMs = 10_000): Promise<string> {
    if (this.received.length < n) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply #${n} within ${timeoutMs} ms; got: ${JSON.stringify(this.received.map(r => r.text))}`)), timeoutMs)
        this.#waiters.push({ n, resolve: () => { clearTimeout(timer); resolve() } })
      })
    }
    return this.received[n - 1]!.text
  }

  /** Marks a text the test types as the merchant under the bot's own account. */
  typedBySelf(text: string): void {
    this.#typedBySelf.push(text)
  }

  /** Sends via `send` and waits for the next message the bot puts here. */
  async after(send: () => void, timeoutMs?: number): Promise<string> {
    const n = this.received.length + 1
    send()
    return this.nth(n, timeoutMs)
  }
}

/** The bytes and name of a file the bot sent, as the receiving side sees them. */
export async function receivedFile(gw: Gateway, messageId: string): Promise<{ name: string, bytes: Buffer }> {
  const box = await gw.puppet.messageFile(messageId)
  return { name: box.name, bytes: await box.toBuffer() }
}

/** Delivers the same message twice with one id, as some gateways do (optionally stamped in the past). */
export function deliverTwice(gw: Gateway, from: mock.ContactMock, text: string, room?: mock.RoomMock, timestamp = Date.now()): string {
  const id = `dup-${randomUUID()}`
  gw.mocker.MessageMock.create({
    id,
    talkerId: from.id,
    timestamp,
    type: PUPPET.types.Message.Text,
    text,
    ...(room ? { roomId: room.id, mentionIdList: [] } : { listenerId: gw.self.id }),
  } as PUPPET.payloads.Message)
  gw.puppet.emit('message', { messageId: id })
  gw.puppet.emit('message', { messageId: id })
  return id
}

export async function waitFor(check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise(r => setTimeout(r, 50))
  }
}

/** The bot's configuration for this gateway and database (plus any other env and a config file's text). */
export function botConfig(gw: Gateway, dbFile: string, options: { env?: Record<string, string>, fileText?: string } = {}): Config {
  const env = { ...options.env, WXCRM_DB: dbFile, WECHATY_PUPPET_SERVICE_TOKEN: gw.token, WECHATY_PUPPET_SERVICE_ENDPOINT: gw.endpoint }
  return parseConfig(options.fileText === undefined ? { env } : { fileText: options.fileText, env })
}

/** Starts the bot through this gateway on the lowdb file `dbFile` (the merchant's day fixed), 老板 as admin. */
export async function startBotOnFile(gw: Gateway, dbFile: string): Promise<BotApp> {
  const store = await openFileStore({ file: dbFile, today: () => '2026-11-23' })
  return startBot(gw, store, botConfig(gw, dbFile, { env: { WXCRM_ADMINS: '老板' } }))
}

/** Starts the bot on `store` through this gateway, as in production, and waits for its login and send queue. */
export async function startBot(gw: Gateway, store: Store, config: Config, extra: Partial<BotAppOptions> = {}): Promise<BotApp> {
  const app = createBotApp({ puppet: gw.client(), store, config, logger: silentLogger, ...extra })
  await app.bot.start()
  await waitFor(() => app.bot.isLoggedIn && app.queue.state() === 'running', 20_000, 'login and the send queue')
  return app
}
