/**
 * The gateway client's payload cache (three LevelDB stores per token under $HOME/.wechaty) is opened
 * only after its previous close has finished. Closing is made slow here, as on a busy machine: the
 * stock PuppetService then opens a store that is still closing, and LevelDB's
 * `IO error: lock …/room-payload/LOCK: already held by process` escapes as an uncaught exception.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { WechatyBuilder, type Wechaty } from 'wechaty'
import { GatewayPuppet } from '../../src/adapters/wechaty/gateway-puppet.js'
import { startGateway, waitFor, type Gateway } from '../helpers/gateway.js'

type Cache = GatewayPuppet['_payloadStore']
const cacheOf = (p: GatewayPuppet): Cache => p['_payloadStore']

/** Makes each open store of the cache take `ms` longer to close; the list fills as they finish closing. */
function slowCloses(p: GatewayPuppet, ms: number): string[] {
  const done: string[] = []
  const cache = cacheOf(p)
  for (const name of ['contact', 'roomMember', 'room'] as const) {
    const store = cache[name]
    if (!store) throw new Error(`the ${name} store is not open`)
    const close = store.close.bind(store)
    store.close = async () => {
      await new Promise(r => setTimeout(r, ms))
      await close()
      done.push(name)
    }
  }
  return done
}

/** Waits for the cache to be open, then writes and reads through each store. */
async function cacheWorks(p: GatewayPuppet): Promise<void> {
  await waitFor(() => cacheOf(p).room !== undefined, 10_000, 'the payload cache to open')
  const cache = cacheOf(p)
  for (const store of [cache.contact, cache.roomMember, cache.room]) {
    await store!.set('probe', {} as never)
    expect(await store!.get('probe')).toEqual({})
  }
}

const offline = (token: string): GatewayPuppet => new GatewayPuppet({ token, endpoint: '127.0.0.1:9', tls: { disable: true } })

describe('the payload cache, logging out and in again at once', () => {
  it('opens the stores after the closing ones are closed, on the same client and on a new one', async () => {
    const token = `insecure_${randomUUID()}`
    const p = offline(token)
    p.emit('login', { contactId: 'merchant' })
    await cacheWorks(p)

    let closed = slowCloses(p, 300)
    p.emit('logout', { contactId: 'merchant', data: 'reset' })
    p.emit('login', { contactId: 'merchant' })
    await cacheWorks(p)
    expect(closed).toEqual(['contact', 'roomMember', 'room'])

    // A second client on the same token (a bot restarted in the same process).
    closed = slowCloses(p, 300)
    p.emit('logout', { contactId: 'merchant', data: 'stop' })
    const q = offline(token)
    q.emit('login', { contactId: 'merchant' })
    await cacheWorks(q)
    expect(closed).toHaveLength(3)
    q.emit('logout', { contactId: 'merchant', data: 'stop' })
  })

  it('does not open the stores when a logout comes while it waits', async () => {
    const p = offline(`insecure_${randomUUID()}`)
    p.emit('login', { contactId: 'merchant' })
    await cacheWorks(p)
    const closed = slowCloses(p, 300)
    p.emit('logout', { contactId: 'merchant', data: 'reset' })
    p.emit('login', { contactId: 'merchant' })
    p.emit('logout', { contactId: 'merchant', data: 'reset' })
    await waitFor(() => closed.length === 3, 5_000, 'the stores to close')
    await new Promise(r => setTimeout(r, 100))
    expect(cacheOf(p).room).toBeUndefined()
  })
})

describe('a bot on the gateway', () => {
  let gw: Gateway | undefined
  const bots: Wechaty[] = []
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop()
    await gw?.stop()
  })
  const startBot = async (puppet: GatewayPuppet): Promise<Wechaty> => {
    const bot = WechatyBuilder.build({ puppet })
    bot.on('error', () => {})
    bots.push(bot)
    await bot.start()
    await waitFor(() => bot.isLoggedIn, 20_000, 'login')
    await cacheWorks(puppet)
    return bot
  }

  it('has its cache closed when stop() resolves, and restarts (same client, then a new one) with a working cache', async () => {
    gw = await startGateway()
    const puppet = gw.client()
    const bot = await startBot(puppet)

    let closed = slowCloses(puppet, 300)
    await bot.stop()
    expect(closed).toHaveLength(3)
    await bot.start()
    await waitFor(() => bot.isLoggedIn, 20_000, 'login after the restart')
    await cacheWorks(puppet)

    closed = slowCloses(puppet, 300)
    await bot.stop()
    expect(closed).toHaveLength(3)
    await startBot(gw.client())
  })
})
