/** The app with in-memory adapters, driven through the router's front door. */
import { createMemoryChartRenderer } from '../../src/adapters/charts/memory-renderer.js'
import { toCsv } from '../../src/adapters/csv.js'
import { createMemoryChat, createMemoryContacts } from '../../src/adapters/memory/chat.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { createAdminCode } from '../../src/app/admin-code.js'
import { parseConfig, type Config } from '../../src/app/config.js'
import { createJobs } from '../../src/app/jobs/index.js'
import type { Job } from '../../src/app/jobs/job.js'
import { createJobRunner } from '../../src/app/jobs/runner.js'
import { type Logger, silentLogger } from '../../src/domain/logger.js'
import { createRouter } from '../../src/app/router/router.js'
import type { Store, AddressReader } from '../../src/domain/ports.js'
import type { IncomingMessage } from '../../src/domain/types.js'

export const NOW = new Date('2026-11-23T02:00:00.000Z') // 10:00 in Shanghai

export interface TestAppOptions {
  store?: Store
  config?: Partial<Config>
  /** Scheduled jobs for 任务 (default: the real job table). */
  jobs?: Job[]
  /** Where the app logs (default: nowhere). */
  logger?: Logger
  /** Reads regions from addresses (default: none). */
  addresses?: AddressReader
}

export function makeTestApp(options: TestAppOptions = {}) {
  const store = options.store ?? createMemoryStore()
  const chat = createMemoryChat()
  const contacts = createMemoryContacts([
    { id: 'wx-boss', name: '老板', alias: null },
    { id: 'wx-wang', name: '小王', alias: '王代理' },
    { id: 'wx-li', name: '小李', alias: null },
    { id: 'wx-dup1', name: '阿芳', alias: null },
    { id: 'wx-dup2', name: '阿芳', alias: null },
  ])
  let now = NOW
  const config = { ...parseConfig({ env: { WXCRM_ADMINS: '老板' } }), ...options.config }
  const adminCode = createAdminCode({ code: '123456', issuedAt: NOW, ttlMinutes: 30 })
  const charts = createMemoryChartRenderer()
  const clock = { now: () => now }
  const logger = options.logger ?? silentLogger
  const jobs = createJobRunner({ store, clock, timezone: config.timezone, jobs: options.jobs ?? createJobs({ store, config, contacts, chat, charts: true }), logger })
  const router = createRouter({ store, chat, contacts, clock, config, logger, charts, csv: toCsv, jobs, addresses: options.addresses }, { adminCode })
  let seq = 0

  /** Sends a message and returns the replies it produced. */
  async function say(from: { id: string, name: string }, text: string, where: { room?: string, id?: string, stale?: boolean, fromSelf?: boolean } = {}): Promise<string[]> {
    const msg: IncomingMessage = {
      id: where.id ?? `m${++seq}`,
      text,
      senderId: from.id,
      senderName: from.name,
      senderAlias: null,
      roomId: where.room ?? null,
      roomTopic: where.room ? '报单群' : null,
      mentionIds: [],
      fromSelf: where.fromSelf ?? false,
      stale: where.stale ?? false,
      sentAt: now.toISOString(),
    }
    const before = chat.sent.length
    await router.handle(msg)
    return chat.sent.slice(before).map(s => s.text)
  }

  return {
    store, chat, router, say, charts, jobs, contacts,
    setNow: (d: Date) => { now = d },
    boss: { id: 'wx-boss', name: '老板' },
    wang: { id: 'wx-wang', name: '小王' },
    li: { id: 'wx-li', name: '小李' },
    stranger: { id: 'wx-x', name: '路人' },
    room: 'room-1@chatroom',
  }
}

/** A test app with 小王 and 小李 already agents. */
export async function withAgents(options: TestAppOptions = {}) {
  const app = makeTestApp(options)
  await app.say(app.boss, '代理 添加 小王')
  await app.say(app.boss, '代理 添加 小李')
  return app
}
