/**
 * The disk fails while the bot runs, end to end through the real transport: the database sits on a
 * small tmpfs of its own, which is filled up (ENOSPC) and then remounted read-only (EROFS). The agent
 * is told the order was NOT recorded, the files stay exactly as they were, and once the disk has room
 * again the same order goes in. Mounting needs root (as on the CI machine); without it the same
 * story runs with the data directory swapped for a plain file, which fails every write the same way.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { mock } from 'wechaty-puppet-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataDirOf } from '../../src/adapters/store/layout.js'
import { openFileStore, type FileStore } from '../../src/adapters/store/file-store.js'
import type { BotApp } from '../../src/bot.js'
import { breakDatabaseWrites, readDatabase } from '../helpers/db.js'
import { botConfig, type Gateway, Inbox, startBot, startGateway, waitFor } from '../helpers/gateway.js'

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', dir], { stdio: 'ignore' })
    return true
  }
  catch {
    return false
  }
}

const mountPoint = mkdtempSync(join(tmpdir(), 'wxcrm-disk-'))
const mounted = tryMount(mountPoint)
const dbFile = join(mountPoint, 'shop.json')
let gw: Gateway
let app: BotApp
let store: FileStore
let wang: mock.ContactMock
let room: mock.RoomMock
let inbox: Inbox
let bossInbox: Inbox

/** Every file of the database with its bytes, to prove a failed write changed nothing. */
function snapshotFiles(): Map<string, Buffer> {
  const out = new Map<string, Buffer>([[dbFile, readFileSync(dbFile)]])
  const dir = dataDirOf(dbFile)
  for (const name of readdirSync(dir)) out.set(join(dir, name), readFileSync(join(dir, name)))
  return out
}

beforeAll(async () => {
  gw = await startGateway()
  const boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
  inbox = new Inbox(room, gw.self.id)
  bossInbox = new Inbox(boss, gw.self.id)
  const config = botConfig(gw, dbFile, { env: { WXCRM_ADMINS: '老板' } })
  store = await openFileStore({ file: dbFile, today: () => '2026-11-23', backupsKept: 0 })
  app = await startBot(gw, store, config)
  expect(await inbox.after(() => boss.say('代理 添加 小王').to(room))).toContain('已添加代理：小王')
  expect(await inbox.after(() => wang.say('张三 13800138000 面膜2盒 398 已付').to(room))).toContain('已记录')
}, 60_000)

afterAll(async () => {
  // One alert for the whole run of failures in this file, however many orders failed.
  expect(bossInbox?.received.filter(m => m.text.includes('无法写入数据库'))).toHaveLength(1)
  await app?.stop().catch(() => {})
  await gw?.stop()
  if (mounted) {
    try {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' })
    }
    catch {
      // Already gone.
    }
  }
  rmSync(mountPoint, { recursive: true, force: true })
})

async function failedThenRecovered(breakIt: () => () => void, what: string): Promise<void> {
  // Everything into the parts first, so the next journal line needs a new file (and new disk space).
  await app.drain()
  await store.flushAll()
  const before = snapshotFiles()
  const ordersBefore = readDatabase(dbFile).orders.length
  const repair = breakIt()
  const reply = await inbox.after(() => wang.say(`李四${what} 13900139000 精华1瓶 299 已付`).to(room))
  expect(reply).toContain('没有记录')
  expect(reply).not.toContain('已记录')
  // The admin was told at once, privately (at most once per half hour, so the first failure tells).
  await waitFor(() => bossInbox.received.some(m => m.text.includes('无法写入数据库')), 10_000, 'the storage alert to the admin')
  repair()
  const after = snapshotFiles()
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
  for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), `${path} changed`).toBe(true)
  expect(readDatabase(dbFile).orders).toHaveLength(ordersBefore)
  // Room again: the agent sends the same order again and it goes in, once.
  const again = await inbox.after(() => wang.say(`李四${what} 13900139000 精华1瓶 299 已付`).to(room))
  expect(again).toContain('已记录')
  await app.drain()
  const orders = readDatabase(dbFile).orders
  expect(orders).toHaveLength(ordersBefore + 1)
}

describe('the disk fails while the bot runs', () => {
  it.runIf(mounted)('disk full: NOT recorded, files untouched, recorded once there is room', async () => {
    await failedThenRecovered(() => {
      const filler = join(mountPoint, 'filler')
      // Fill the filesystem to the last byte.
      try {
        writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024))
      }
      catch {
        // ENOSPC once full: what is written so far stays.
      }
      return () => rmSync(filler, { force: true })
    }, '甲')
  }, 60_000)

  it.runIf(mounted)('read-only filesystem: NOT recorded, files untouched, recorded once writable', async () => {
    await failedThenRecovered(() => {
      execFileSync('mount', ['-o', 'remount,ro', mountPoint])
      return () => execFileSync('mount', ['-o', 'remount,rw', mountPoint])
    }, '乙')
  }, 60_000)

  it('data directory unusable: NOT recorded, files untouched, recorded once it is back', async () => {
    await failedThenRecovered(() => breakDatabaseWrites(dbFile), '丙')
  }, 60_000)
})
