import { describe, expect, it } from 'vitest'
import { createMemoryContacts } from '../../src/adapters/memory/chat.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { ConfigError, parseConfig } from '../../src/app/config.js'
import { outageDurationText, outageReportText, reportOutage } from '../../src/app/outage.js'
import type { Logger } from '../../src/domain/logger.js'
import { anOutboxEntry } from '../helpers/builders.js'

const at = (iso: string): Date => new Date(iso)

describe('outage duration in the merchant\'s words', () => {
  it.each([
    [0, '0秒'],
    [44_600, '45秒'],
    [59_000, '59秒'],
    [60_000, '1分钟'],
    [128_000, '2分8秒'],
    [3_599_000, '59分59秒'],
    [3_600_000, '1小时'],
    [3_900_000, '1小时5分'],
    [86_340_000, '23小时59分'],
    [86_400_000, '1天'],
    [2 * 86_400_000 + 3 * 3_600_000, '2天3小时'],
  ])('%i ms → %s', (ms, text) => {
    expect(outageDurationText(ms)).toBe(text)
  })
})

describe('the outage report text', () => {
  it('says when the connection dropped and came back, for how long, and what it means', () => {
    const text = outageReportText({ lostAt: at('2026-11-23T06:05:09.400Z'), backAt: at('2026-11-23T06:07:17.900Z') }, 'Asia/Shanghai', 3)
    expect(text).toBe([
      '⚠️ 机器人和微信网关的连接断开过，现在已自动恢复。',
      '断开：11月23日 14:05:09',
      '恢复：11月23日 14:07:17',
      '时长：2分8秒',
      '这段时间里群聊和私聊发给机器人的消息（包括报单）可能晚到，也可能收不到；晚到的报单会记下，但不一定回复。',
      '请让代理核对这段时间报的单（发“客户 名字”可以查），没记上的请重新发一次。',
      '机器人要发的 3 条消息没有丢失，已恢复按节奏发送。',
    ].join('\n'))
  })

  it('shows both dates in the merchant\'s timezone across midnight, and says when nothing waits', () => {
    const text = outageReportText({ lostAt: at('2026-11-23T15:50:00Z'), backAt: at('2026-11-23T16:20:30Z') }, 'Asia/Shanghai', 0)
    expect(text).toContain('断开：11月23日 23:50:00\n恢复：11月24日 00:20:30\n时长：30分30秒')
    expect(text).toContain('机器人没有积压待发的消息。')
    expect(text).not.toMatch(/\d+ 条消息/)
  })
})

describe('reporting an outage to the admins', () => {
  const outage = { lostAt: at('2026-11-23T06:05:09Z'), backAt: at('2026-11-23T06:07:17Z') }
  const setup = () => {
    const store = createMemoryStore()
    const contacts = createMemoryContacts([{ id: 'wx-boss', name: '老板', alias: null }, { id: 'wx-li', name: '小李', alias: null }])
    const config = parseConfig({ env: { WXCRM_ADMINS: '老板' } })
    const lines: string[] = []
    const logger: Logger = { info: m => lines.push(`info ${m}`), warn: m => lines.push(`warn ${m}`), error: m => lines.push(`error ${m}`) }
    const clock = { now: () => outage.backAt }
    return { store, deps: { store, config, contacts, clock, logger }, lines }
  }

  it('plans one private alert per admin (configured and bound), once per outage', async () => {
    const { store, deps } = setup()
    store.admins.add({ contactId: 'wx-boss', name: '老板', boundAt: '2026-11-01T00:00:00Z' })
    store.admins.add({ contactId: 'wx-li', name: '小李', boundAt: '2026-11-01T00:00:00Z' })
    store.outbox.add(anOutboxEntry({ id: 'ob-old', status: 'planned' }))
    await store.commit()

    expect(await reportOutage(deps, outage)).toBe(2)
    const reports = store.outbox.all().filter(e => e.dedupeKey.startsWith('outage:'))
    expect(reports.map(e => e.to).sort((a, b) => a.contactId!.localeCompare(b.contactId!))).toEqual([{ contactId: 'wx-boss' }, { contactId: 'wx-li' }])
    for (const e of reports) {
      expect(e).toMatchObject({ kind: 'alert', status: 'planned', nextAttemptAt: outage.backAt.toISOString() })
      expect(e.text).toContain('断开：11月23日 14:05:09')
      expect(e.text).toContain('机器人要发的 1 条消息没有丢失')
    }

    // The same outage again (a second login event, a retry): nothing more.
    expect(await reportOutage(deps, outage)).toBe(0)
    expect(store.outbox.all().filter(e => e.dedupeKey.startsWith('outage:'))).toHaveLength(2)
    // A later outage is a new report.
    expect(await reportOutage(deps, { lostAt: at('2026-11-23T08:00:00Z'), backAt: at('2026-11-23T08:03:00Z') })).toBe(2)
  })

  it('plans nothing and warns when there is no admin to tell', async () => {
    const { store, deps, lines } = setup()
    expect(await reportOutage({ ...deps, config: parseConfig({ env: {} }) }, outage)).toBe(0)
    expect(store.outbox.all()).toHaveLength(0)
    expect(lines.some(l => l.startsWith('warn no admin'))).toBe(true)
  })
})

describe('outageReportSeconds', () => {
  it('defaults to 30 seconds and can be set in the file', () => {
    expect(parseConfig({ env: {} }).outageReportSeconds).toBe(30)
    expect(parseConfig({ fileText: '{"outageReportSeconds": 0}', env: {} }).outageReportSeconds).toBe(0)
  })

  it('refuses a negative or fractional value, naming the key', () => {
    for (const bad of ['-1', '1.5', '"30"']) {
      expect(() => parseConfig({ fileText: `{"outageReportSeconds": ${bad}}`, env: {} })).toThrow(ConfigError)
      expect(() => parseConfig({ fileText: `{"outageReportSeconds": ${bad}}`, env: {} })).toThrow(/outageReportSeconds/)
    }
  })
})
