/**
 * Import and chat are one world (issue 12 items 6 and 7): `wxcrm import` tells customers apart by the
 * chat's identity rule, and `wxcrm import --agent 小王` and `代理 添加 小王` mean one agent 小王, in
 * either order, whose nudges reach them.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { importOrders } from '../../src/app/io/import-orders.js'
import type { Store } from '../../src/domain/ports.js'
import { aCustomer } from '../helpers/builders.js'
import { makeTestApp, NOW } from '../helpers/test-app.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempFiles(csv: string): { db: string, csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wxcrm-import-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'orders.csv'), csv)
  return { db: join(dir, 'db.json'), csv: join(dir, 'orders.csv') }
}

/** `wxcrm import …` as an operator runs it: what it printed, both streams. */
function wxcrmImport(csv: string, db: string, ...more: string[]): { out: string, err: string } {
  const run = spawnSync('npx', ['tsx', 'src/cli.ts', 'import', csv, '--db', db, '--name', '客户', '--phone', '电话', '--date', '日期', '--amount', '金额', ...more],
    { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })
  expect(run.status, run.stderr).toBe(0)
  return { out: run.stdout, err: run.stderr }
}

const open = (db: string) => openFileStore({ file: db, today: () => '2026-11-23' })

/** A customer who bought every month and stopped half a year ago: 睡眠型 at the first reclassify. */
const DORMANT_ROWS = ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']

describe('wxcrm import tells customers apart by the chat\'s rule', () => {
  it('reports a row whose name two customers share and that has no phone, instead of merging it into the first', async () => {
    const { db, csv } = tempFiles([
      '客户,电话,日期,金额',
      '张三,13800138000,2026-10-01,398',
      '张三,13900139000,2026-10-02,199',
      '张三,,2026-10-03,100',
      '张三,13900139000,2026-10-04,50',
      '李四,,2026-10-05,88',
    ].join('\n'))
    const { out, err } = wxcrmImport(csv, db)
    expect(out).toContain('导入 4 单，新客户 3 位，跳过已导入 0 行，问题行 1 行（其中 1 行的客户有同名的，分不清是哪一位）。')
    expect(err).toContain('第 4 行：有2位客户叫“张三”（尾号8000、尾号9000），不知道是哪一位，这一行没有导入；请补上电话后再导入这一行')
    const store = await open(db)
    const second = store.customers.byPhone('13900139000')!
    expect(store.orders.ofCustomer(second.id).map(o => o.amountFen)).toEqual([19900, 5000])
    expect(store.orders.all().map(o => o.amountFen)).not.toContain(10000)
    await store.close()
  }, 60_000)

  it.each([
    ['no phone, two namesakes', '张三', '', 'ambiguous'],
    ['the phone of one of them', '张三', '13800138000', 'c1'],
    ['a new phone for the name', '张三', '13700137000', 'new'],
    ['one namesake without a phone takes the phone', '王五', '13600136000', 'c3'],
  ])('an import row and a chat order from the merchant agree: %s', async (_case, name, phone, expected) => {
    const seed = () => {
      const store = createMemoryStore()
      store.customers.add(aCustomer({ id: 'c1', name: '张三', phone: '13800138000' }))
      store.customers.add(aCustomer({ id: 'c2', name: '张三', phone: '13900139000' }))
      store.customers.add(aCustomer({ id: 'c3', name: '王五' }))
      for (let i = 0; i < 3; i++) store.nextSeq('customer')
      return store
    }
    const imported = seed()
    const report = importOrders(imported, [{ line: 2, values: { 客户: name, 电话: phone, 日期: '2026-11-20', 金额: '398' } }], { mapping: { name: '客户', phone: '电话', date: '日期', amount: '金额' }, now: NOW })
    const chat = makeTestApp({ store: seed() })
    const [answer] = await chat.say(chat.boss, `${name} ${phone} 面膜2盒 398 已付`)
    const whoGot = (store: Store) => store.orders.all()[0]?.customerId
    if (expected === 'ambiguous') {
      expect(report.bad[0]?.problem).toMatch(/^有2位客户叫“张三”（尾号8000、尾号9000）/)
      expect(answer).toMatch(/^❓ 有2位客户叫“张三”（尾号8000、尾号9000）/)
      expect([whoGot(imported), whoGot(chat.store)]).toEqual([undefined, undefined])
    }
    else if (expected === 'new') {
      expect([report.customersCreated, whoGot(imported), whoGot(chat.store)]).toEqual([1, 'c4', 'c4'])
    }
    else {
      expect([whoGot(imported), whoGot(chat.store)]).toEqual([expected, expected])
      expect([imported.customers.byId(expected)!.phone, chat.store.customers.byId(expected)!.phone]).toEqual([phone, phone])
    }
  })
})

describe('an agent named by an import and by chat is one agent', () => {
  it('import --agent 小王, then 代理 添加 小王: chat adopts the imported agent, and the nudge preview lists its customers under 小王', async () => {
    const rows = [
      ...DORMANT_ROWS.map(d => `何姐,13911112222,${d},199`),
      ...DORMANT_ROWS.map(d => `孟悦,13922223333,${d},99`),
    ]
    const { db, csv } = tempFiles(['客户,电话,日期,金额', ...rows].join('\n'))
    const { out } = wxcrmImport(csv, db, '--agent', '小王')
    expect(out).toContain('代理 小王 是新建的，还没有关联微信：管理员在聊天里发“代理 添加 小王”即可关联，TA 会收到这些客户的跟进提醒。')
    const store = await open(db)
    try {
      const app = makeTestApp({ store })
      expect(await app.say(app.boss, '代理 添加 小王')).toEqual(['✅ 已添加代理：小王（已关联导入的 2 位客户）。对方现在可以直接在群里或私聊报单了。'])
      const agents = store.agents.all()
      expect(agents).toHaveLength(1)
      expect(agents[0]).toMatchObject({ name: '小王', contactId: 'wx-wang', active: true })
      expect(store.customers.all().map(c => c.agentId)).toEqual([agents[0]!.id, agents[0]!.id])
      // 小王 now sees them as their own, and the morning nudge goes to them.
      expect((await app.say(app.wang, '客户 何姐'))[0]).toMatch(/^👤 何姐 13911112222\n/)
      await app.say(app.boss, '任务 reclassify')
      const [preview] = await app.say(app.boss, '任务 nudge 预览')
      expect(preview).toMatch(/^🔍 预览「跟进提醒」（nudge）/)
      expect(preview).toMatch(/发给 小王[\s\S]*何姐[\s\S]*孟悦/)
      expect(preview).toContain('1 位代理有客户要跟进，共 2 位客户。')
    }
    finally {
      await store.close()
    }
  }, 60_000)

  it('代理 添加 小王 first, then import --agent 小王: the rows go to the same agent', async () => {
    const { db, csv } = tempFiles(['客户,电话,日期,金额', '何姐,13911112222,2026-10-01,199'].join('\n'))
    const before = await open(db)
    const app = makeTestApp({ store: before })
    await app.say(app.boss, '代理 添加 小王')
    const wang = before.agents.byContact('wx-wang')!
    await before.close()
    const { out } = wxcrmImport(csv, db, '--agent', '小王')
    expect(out).toContain('客户归代理 小王。')
    const after = await open(db)
    expect(after.agents.all()).toEqual([wang])
    expect(after.customers.all().map(c => c.agentId)).toEqual([wang.id])
    await after.close()
  }, 60_000)

  it('an import into a removed agent says so and how to hand the customers on', async () => {
    const { db, csv } = tempFiles(['客户,电话,日期,金额', '何姐,13911112222,2026-10-01,199'].join('\n'))
    const before = await open(db)
    const app = makeTestApp({ store: before })
    await app.say(app.boss, '代理 添加 小王')
    await app.say(app.boss, '代理 删除 小王')
    await before.close()
    const { out } = wxcrmImport(csv, db, '--agent', '小王')
    expect(out).toContain('注意：代理 小王 已被删除，导入的客户归在 TA 名下。要交给别的代理，在聊天里发“代理 转移 小王 <新代理>”。')
  }, 60_000)
})
