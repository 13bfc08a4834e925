/**
 * The access matrix: every command in the registry (plus an order, the customer's words and the admin
 * code) from every kind of speaker — the merchant, agent A, agent B, a customer of A, an unknown
 * contact — in a direct message, in the order group and in a group that is not an order group. Each
 * cell runs on a fresh copy of the same merchant, so no cell depends on another; one table says what
 * each cell must produce, and every cell is also checked for data the speaker must not see.
 *
 * Also here: the admin code (single use, expiry), logs without phone numbers, owner-only files.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsoleLogger } from '../../src/adapters/console-logger.js'
import { writeCsv } from '../../src/adapters/csv.js'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { createAdminCode } from '../../src/app/admin-code.js'
import { ORDER_EXAMPLES } from '../../src/app/commands/help.js'
import { backfillCatalogue } from '../../src/app/ledger/catalogue.js'
import { commands, findCommand } from '../../src/app/commands/index.js'
import { PASSED_ON } from '../../src/app/router/own-order.js'
import { SENT_PRIVATELY } from '../../src/app/router/router.js'
import { dateOfDay, dayNumber } from '../../src/domain/calendar.js'
import { maskPhone } from '../../src/domain/customer/identity.js'
import type { Logger } from '../../src/domain/logger.js'
import { formatFen } from '../../src/domain/money.js'
import type { Store } from '../../src/domain/ports.js'
import type { IncomingMessage } from '../../src/domain/types.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { makeTestApp, NOW } from '../helpers/test-app.js'

const TODAY = '2026-11-23'
const ago = (days: number): string => dateOfDay(dayNumber(TODAY) - days)

/** A full mainland mobile number, also written with spaces or dashes (what `redact` masks in logs). */
const FULL_PHONE = /(?<!\d)1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/

type Owner = 'A' | 'B' | 'M'
interface Person { id: string, name: string, owner: Owner, phone: string, ages: number[], yuan: number, paid: boolean, contactId: string | null }

/**
 * 小王 (A) has 何姐, 孟悦 (linked to the WeChat contact Yue) and a 周七; 小李 (B) has 杨柳, 赵六 (unpaid)
 * and another 周七; the merchant has 钱八. No name or phone is one the help text uses as an example.
 */
const PEOPLE: Person[] = [
  { id: 'c1', name: '何姐', owner: 'A', phone: '13911112222', ages: [300, 240, 180, 120, 60, 20], yuan: 388, paid: true, contactId: null },
  { id: 'c2', name: '孟悦', owner: 'A', phone: '13922223333', ages: [400, 380, 360, 340], yuan: 211, paid: true, contactId: 'wx-yue' },
  { id: 'c3', name: '周七', owner: 'A', phone: '13533334444', ages: [90, 30], yuan: 166, paid: true, contactId: null },
  { id: 'c4', name: '杨柳', owner: 'B', phone: '13744445555', ages: [200, 150, 100, 50, 10], yuan: 577, paid: true, contactId: null },
  { id: 'c5', name: '赵六', owner: 'B', phone: '13655556666', ages: [15], yuan: 93, paid: false, contactId: null },
  { id: 'c6', name: '周七', owner: 'B', phone: '13466667777', ages: [120], yuan: 144, paid: true, contactId: null },
  { id: 'c7', name: '钱八', owner: 'M', phone: '13377778888', ages: [500, 450, 400], yuan: 1234, paid: true, contactId: null },
]
const AGENT_OF = { A: 'a1', B: 'a2', M: null } as const
const REPORTER = { A: 'wx-wang', B: 'wx-li', M: 'wx-boss' } as const

/** Orders are numbered in the order above: 何姐 #1–#6, 孟悦 #7–#10, 周七(A) #11–#12, 杨柳 #13–#17, 赵六 #18, 周七(B) #19, 钱八 #20–#22. */
function seeded(): Store {
  const store = createMemoryStore()
  // The configured 老板 was verified on an earlier message (router.test.ts covers that first time).
  store.admins.add({ contactId: 'wx-boss', name: '老板', boundAt: NOW.toISOString() })
  store.agents.add({ id: 'a1', name: '小王', contactId: 'wx-wang', addedAt: NOW.toISOString(), active: true })
  store.agents.add({ id: 'a2', name: '小李', contactId: 'wx-li', addedAt: NOW.toISOString(), active: true })
  let no = 0
  for (const p of PEOPLE) {
    const agentId = AGENT_OF[p.owner]
    store.customers.add(aCustomer({ id: p.id, name: p.name, agentId, phone: p.phone, contactId: p.contactId }))
    for (const age of p.ages) {
      no++
      const fen = p.yuan * 100
      store.orders.add(anOrder({
        id: `o${no}`,
        no,
        customerId: p.id,
        agentId,
        recordedBy: REPORTER[p.owner],
        recordedAt: new Date(Date.parse('2026-11-01T00:00:00.000Z') + no * 1000).toISOString(),
        placedOn: ago(age),
        amountFen: fen,
        payment: p.paid ? 'paid' : 'unpaid',
        paidFen: p.paid ? fen : 0,
      }))
    }
  }
  for (let i = 0; i < no; i++) store.nextSeq('order')
  for (let i = 0; i < PEOPLE.length; i++) store.nextSeq('customer')
  // Orders written straight into the store, as in a database from before the catalogue: learn it as the bot does on start.
  backfillCatalogue(store, NOW.toISOString())
  return store
}

/** The bot account's contacts besides the ones makeTestApp knows (老板, 小王, 小李, two 阿芳). */
const MORE_CONTACTS = [
  { id: 'wx-yue', name: 'Yue', alias: '孟悦' },
  { id: 'wx-x', name: '路人', alias: null },
  { id: 'wx-zhang', name: '小张', alias: null },
  { id: 'wx-hj', name: '何姐微信', alias: '何姐 139-1111-2222' },
  { id: 'wx-yl', name: '杨柳微信', alias: null },
]

const SPEAKERS = {
  admin: { id: 'wx-boss', name: '老板' },
  agentA: { id: 'wx-wang', name: '小王' },
  agentB: { id: 'wx-li', name: '小李' },
  customerOfA: { id: 'wx-yue', name: 'Yue' },
  unknown: { id: 'wx-x', name: '路人' },
} as const
type Speaker = keyof typeof SPEAKERS
const SPEAKER_KEYS = Object.keys(SPEAKERS) as Speaker[]

/** What each speaker may see: the merchant everything, an agent their own customers, anyone else nothing. */
const SCOPE: Record<Speaker, readonly Owner[]> = { admin: ['A', 'B', 'M'], agentA: ['A'], agentB: ['B'], customerOfA: [], unknown: [] }

const ORDER_GROUP = { id: 'room-order@chatroom', topic: '报单群' }
/** The unknown group: a room the bot is in that is not one of `orderGroups`. */
const OTHER_GROUP = { id: 'room-chat@chatroom', topic: '闲聊群' }
type Place = 'dm' | 'group'

// ---- outcomes --------------------------------------------------------------------------------

type Text = string | RegExp
type Outcome =
  | { kind: 'silent' }
  /** Answered where it was asked: in the room, or in the direct chat. */
  | { kind: 'reply', text: Text }
  /** Answered to the asker alone (text and files); asked in a room, the room only hears SENT_PRIVATELY. */
  | { kind: 'private', text: Text | null, files: number }
type Cell = Outcome | { dm: Outcome, group: Outcome }

const SILENT: Outcome = { kind: 'silent' }
const reply = (text: Text): Outcome => ({ kind: 'reply', text })
const priv = (text: Text | null, files = 0): Outcome => ({ kind: 'private', text, files })
/** Answered in a direct chat, silence in a group (chatter, customers' words). */
const dmOnly = (text: Text): Cell => ({ dm: reply(text), group: SILENT })
const HINT = dmOnly(/^没看懂这条消息。报单示例/)
const adminOnly = (name: string): Outcome => reply(`“${name}”只有管理员可以使用。`)
/** A ledger answer quoting a phone: in full in the direct chat, masked in the group. */
const quoting = (make: (phone: (p: string) => string) => RegExp): Cell => ({
  dm: reply(make(p => p)),
  group: reply(make(p => maskPhone(p).replace(/\*/g, '\\*'))),
})
const notFound = (name: string): string => `找不到客户“${name}”。可以用名字、11位电话，或“客户 张三 8000”（电话尾号）。`
const payNotFound = (kind: string, name: string): string => `⚠️ ${kind}没有记录：找不到客户“${name}”。请核对名字，或用电话号码。`

interface Row {
  say: string
  /** Said first, in a fresh copy: by the same speaker in the same place, or by another speaker privately. */
  before?: { as?: Speaker, say: string }[]
  cells: Record<Speaker, Cell>
}

const INCOMPLETE = '刘姐 13811112222 面膜2盒 已付'
const RECLASSIFY = { as: 'admin' as const, say: '任务 reclassify' }

/** The matrix: role × command → what comes back (the unknown group is silent for everyone, see below). */
const ROWS: Row[] = [
  { say: '帮助', cells: {
    admin: reply(/^📋 管理员可用：[\s\S]*· 代理 添加/),
    agentA: reply(/^📋 代理可用：(?![\s\S]*代理 添加)/),
    agentB: reply(/^📋 代理可用：(?![\s\S]*代理 添加)/),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '确认', before: [{ say: INCOMPLETE }], cells: {
    admin: quoting(p => new RegExp(`^✅ 已记录\\n#23 刘姐 ${p('13811112222')}：面膜×2盒 金额待补 已付（新客户）\\n`)),
    agentA: quoting(p => new RegExp(`^✅ 已记录\\n#23 刘姐 ${p('13811112222')}：面膜×2盒 金额待补 已付（新客户）\\n`)),
    agentB: quoting(p => new RegExp(`^✅ 已记录\\n#23 刘姐 ${p('13811112222')}：面膜×2盒 金额待补 已付（新客户）\\n`)),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '取消', before: [{ say: INCOMPLETE }], cells: {
    admin: reply('已取消，这条报单没有记录。'),
    agentA: reply('已取消，这条报单没有记录。'),
    agentB: reply('已取消，这条报单没有记录。'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '撤销', cells: {
    admin: quoting(p => new RegExp(`^↩️ 已撤销：#22 钱八 ${p('13377778888')}：面膜×2盒 ¥1,234 已付 10-19$`)),
    agentA: quoting(p => new RegExp(`^↩️ 已撤销：#12 周七 ${p('13533334444')}：面膜×2盒 ¥166 已付 10-24$`)),
    agentB: quoting(p => new RegExp(`^↩️ 已撤销：#19 周七 ${p('13466667777')}：面膜×2盒 ¥144 已付 07-26$`)),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '收款 何姐 100', cells: {
    admin: reply('✅ 已记录收款 何姐 ¥100\n没有未付的订单可冲抵\n多出 ¥100 记为预收款\n未付：无 · 预收款 ¥100'),
    agentA: reply('✅ 已记录收款 何姐 ¥100\n没有未付的订单可冲抵\n多出 ¥100 记为预收款\n未付：无 · 预收款 ¥100'),
    agentB: reply(payNotFound('收款', '何姐')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '收款 赵六 50', cells: {
    admin: reply('✅ 已记录收款 赵六 ¥50\n冲抵：#18 ¥50\n未付：¥43'),
    agentA: reply(payNotFound('收款', '赵六')),
    agentB: reply('✅ 已记录收款 赵六 ¥50\n冲抵：#18 ¥50\n未付：¥43'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '退款 孟悦 50', cells: {
    admin: reply('✅ 已记录退款 孟悦 ¥50（#10）'),
    agentA: reply('✅ 已记录退款 孟悦 ¥50（#10）'),
    agentB: reply(payNotFound('退款', '孟悦')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '退款 杨柳 50', cells: {
    admin: reply('✅ 已记录退款 杨柳 ¥50（#17）'),
    agentA: reply(payNotFound('退款', '杨柳')),
    agentB: reply('✅ 已记录退款 杨柳 ¥50（#17）'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '改 上一单 金额 300', cells: {
    admin: quoting(p => new RegExp(`^✏️ 已修改：#22 钱八 ${p('13377778888')}：面膜×2盒 ¥300 已付 10-19（原金额 ¥1,234）$`)),
    agentA: quoting(p => new RegExp(`^✏️ 已修改：#12 周七 ${p('13533334444')}：面膜×2盒 ¥300 已付 10-24（原金额 ¥166）$`)),
    agentB: quoting(p => new RegExp(`^✏️ 已修改：#19 周七 ${p('13466667777')}：面膜×2盒 ¥300 已付 07-26（原金额 ¥144）$`)),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '改 #17 金额 1', cells: {
    admin: quoting(p => new RegExp(`^✏️ 已修改：#17 杨柳 ${p('13744445555')}：面膜×2盒 ¥1 已付 11-13（原金额 ¥577）$`)),
    agentA: reply('找不到可以修改的订单 #17。'),
    agentB: quoting(p => new RegExp(`^✏️ 已修改：#17 杨柳 ${p('13744445555')}：面膜×2盒 ¥1 已付 11-13（原金额 ¥577）$`)),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '客户 何姐', cells: {
    admin: priv(/^👤 何姐 13911112222（小王）\n分组：忠诚型/),
    agentA: priv(/^👤 何姐 13911112222\n分组：忠诚型/),
    agentB: priv(notFound('何姐')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '客户 杨柳', cells: {
    admin: priv(/^👤 杨柳 13744445555（小李）\n分组：忠诚型/),
    agentA: priv(notFound('杨柳')),
    agentB: priv(/^👤 杨柳 13744445555\n分组：忠诚型/),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '客户 周七', cells: {
    admin: priv(/^有2位客户叫“周七”，请加上电话尾号或代理名，如“客户 周七 4444”：\n1\. 周七 尾号4444（小王）\n2\. 周七 尾号7777（小李）$/),
    agentA: priv(/^👤 周七 13533334444\n/),
    agentB: priv(/^👤 周七 13466667777\n/),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '客户 13744445555', cells: {
    admin: priv(/^👤 杨柳 13744445555（小李）\n/),
    agentA: priv('找不到电话为 13744445555 的客户。'),
    agentB: priv(/^👤 杨柳 13744445555\n/),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '概览', cells: {
    admin: priv(/^📊 全部客户概览（截至 2026-11-23，共 7 位客户）\n/, 1),
    agentA: priv(/^📊 小王的客户概览（截至 2026-11-23，共 3 位客户）\n/, 1),
    agentB: priv(/^📊 小李的客户概览（截至 2026-11-23，共 3 位客户）\n/, 1),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '睡眠客户', cells: {
    admin: priv(/^睡眠型客户 3 位（[^\n]*）\n1\. 孟悦（小王） [\s\S]*\n2\. 周七（小李） [\s\S]*\n3\. 钱八 /),
    agentA: priv(/^睡眠型客户 1 位（[^\n]*）\n1\. 孟悦 D级 /),
    agentB: priv(/^睡眠型客户 1 位（[^\n]*）\n1\. 周七 D级 /),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '忠诚客户', cells: {
    admin: priv(/^忠诚型客户 2 位（[^\n]*）\n1\. 杨柳（小李） [\s\S]*\n2\. 何姐（小王） /),
    agentA: priv(/^忠诚型客户 1 位（[^\n]*）\n1\. 何姐 /),
    agentB: priv(/^忠诚型客户 1 位（[^\n]*）\n1\. 杨柳 /),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '成长客户', cells: {
    admin: priv('快速成长型客户：暂时没有。'),
    agentA: priv('快速成长型客户：暂时没有。'),
    agentB: priv('快速成长型客户：暂时没有。'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '培养客户', cells: {
    admin: priv(/^值得重视培养客户 2 位（[^\n]*）\n1\. 周七（小王） [\s\S]*\n2\. 赵六（小李） /),
    agentA: priv(/^值得重视培养客户 1 位（[^\n]*）\n1\. 周七 /),
    agentB: priv(/^值得重视培养客户 1 位（[^\n]*）\n1\. 赵六 /),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '图表', cells: {
    admin: priv(null, 2),
    agentA: priv(null, 2),
    agentB: priv(null, 2),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '导出', cells: {
    admin: priv('📎 客户表：7 位客户', 1),
    agentA: priv('📎 客户表：3 位客户', 1),
    agentB: priv('📎 客户表：3 位客户', 1),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '意向 刘姐 13811112222 朋友圈 想要面膜两盒，包邮吗', cells: {
    admin: priv(/^✅ 已记为意向客户：刘姐 13811112222（来源：朋友圈）\n意向等级：A · [^\n]+\n还没有分给代理/),
    agentA: priv(/^✅ 已记为意向客户：刘姐 13811112222（来源：朋友圈）\n意向等级：A · [^\n]+$/),
    agentB: priv(/^✅ 已记为意向客户：刘姐 13811112222（来源：朋友圈）\n意向等级：A · [^\n]+$/),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '跟进 刘姐 发了试用装', before: [{ as: 'agentA', say: '意向 刘姐 13811112222 朋友圈 面膜怎么用' }], cells: {
    admin: priv('✅ 已记下对 刘姐 的跟进。\n意向等级：B · 问到具体商品'),
    agentA: priv('✅ 已记下对 刘姐 的跟进。\n意向等级：B · 问到具体商品'),
    agentB: priv(notFound('刘姐')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '意向客户', before: [{ as: 'agentA', say: '意向 刘姐 13811112222 朋友圈 面膜怎么用' }, { as: 'agentB', say: '意向 孙姐 13811113333 群 多少钱' }], cells: {
    admin: priv(/^意向客户 2 位（A 0 · B 1 · C 1；A 级在前）\n1\. 刘姐（小王） B级 [^\n]+\n2\. 孙姐（小李） C级 /),
    agentA: priv(/^意向客户 1 位（A 0 · B 1 · C 0；A 级在前）\n1\. 刘姐 B级 /),
    agentB: priv(/^意向客户 1 位（A 0 · B 0 · C 1；A 级在前）\n1\. 孙姐 C级 /),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '标签 何姐 +注重品质 -价格敏感', cells: {
    admin: priv('✅ 已加上：注重品质\n本来就没有：价格敏感\n客户 何姐 现在的标签：注重品质'),
    agentA: priv('✅ 已加上：注重品质\n本来就没有：价格敏感\n客户 何姐 现在的标签：注重品质'),
    agentB: priv(notFound('何姐')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '标签客户 注重品质', before: [{ as: 'admin', say: '标签 何姐 +注重品质' }, { as: 'admin', say: '标签 杨柳 注重品质' }], cells: {
    admin: priv(/^带“注重品质”标签的客户 2 位（先列价值高的）\n1\. 杨柳（小李） [\s\S]*\n2\. 何姐（小王） /),
    agentA: priv(/^带“注重品质”标签的客户 1 位（先列价值高的）\n1\. 何姐 /),
    agentB: priv(/^带“注重品质”标签的客户 1 位（先列价值高的）\n1\. 杨柳 /),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '类型 钱八 企业', cells: {
    admin: priv('✅ 已把客户 钱八 设为企业客户。'),
    agentA: priv(notFound('钱八')),
    agentB: priv(notFound('钱八')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '介绍人 孟悦 何姐', cells: {
    admin: priv('✅ 已记下：孟悦 是 何姐 介绍来的。'),
    agentA: priv('✅ 已记下：孟悦 是 何姐 介绍来的。'),
    agentB: priv(notFound('孟悦')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '推荐之星', before: [{ as: 'admin', say: '介绍人 孟悦 何姐' }, { as: 'admin', say: '介绍人 赵六 杨柳' }], cells: {
    admin: priv(/^推荐之星 2 位（按带来的消费排序）\n1\. 何姐（小王） 介绍 1 位，1 位已下单，带来 ¥844\n2\. 杨柳（小李） 介绍 1 位，1 位已下单，带来 ¥93\n/),
    agentA: priv(/^推荐之星 1 位（按带来的消费排序）\n1\. 何姐 介绍 1 位，1 位已下单，带来 ¥844\n/),
    agentB: priv(/^推荐之星 1 位（按带来的消费排序）\n1\. 杨柳 介绍 1 位，1 位已下单，带来 ¥93\n/),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  // The contact's remark (here with a phone number) is the merchant's private note: never in a group.
  { say: '绑定 何姐 何姐微信', cells: {
    admin: priv('✅ 已把客户 何姐 绑定到微信联系人 何姐微信（备注 何姐 139-1111-2222）。'),
    agentA: priv('✅ 已把客户 何姐 绑定到微信联系人 何姐微信（备注 何姐 139-1111-2222）。'),
    agentB: priv(notFound('何姐')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '绑定 杨柳 杨柳微信', cells: {
    admin: priv('✅ 已把客户 杨柳 绑定到微信联系人 杨柳微信。'),
    agentA: priv(notFound('杨柳')),
    agentB: priv('✅ 已把客户 杨柳 绑定到微信联系人 杨柳微信。'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '解绑 孟悦', cells: {
    admin: reply('✅ 已解除客户 孟悦 的微信绑定。'),
    agentA: reply('✅ 已解除客户 孟悦 的微信绑定。'),
    agentB: reply(notFound('孟悦')),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '代理 添加 小张', cells: {
    admin: reply('✅ 已添加代理：小张。对方现在可以直接在群里或私聊报单了。'),
    agentA: adminOnly('代理'),
    agentB: adminOnly('代理'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '代理 列表', cells: {
    admin: priv('👥 代理 2 位：\n· 小王：客户 3 位，订单 12 单\n· 小李：客户 3 位，订单 7 单'),
    agentA: adminOnly('代理'),
    agentB: adminOnly('代理'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '代理 删除 小李', cells: {
    admin: reply('✅ 已删除代理：小李。TA 的客户和订单都保留着。要交给别的代理，发“代理 转移 小李 <新代理>”。'),
    agentA: adminOnly('代理'),
    agentB: adminOnly('代理'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  // Who holds how many customers is for the merchant alone: asked in the group, the answer comes privately.
  { say: '代理 转移 小李 小王', cells: {
    admin: priv('✅ 已把 小李 的 3 位客户（7 单）转给 小王。以后这些客户的跟进提醒发给 小王。'),
    agentA: adminOnly('代理'),
    agentB: adminOnly('代理'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '商品 列表', cells: {
    admin: priv(/^🛍 商品 \d+ 种（按订单数排序）\n1\. /),
    agentA: adminOnly('商品'),
    agentB: adminOnly('商品'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '设置', cells: {
    admin: reply(/^⚙️ 当前设置：\n· VIP群：（未设置）\n/),
    agentA: adminOnly('设置'),
    agentB: adminOnly('设置'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '设置 VIP群 尊享群', cells: {
    admin: reply('✅ 已设置 VIP群：尊享群'),
    agentA: adminOnly('设置'),
    agentB: adminOnly('设置'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '设置 VIP群 别人的群', cells: {
    admin: reply('❌ 机器人账号不在群「别人的群」里，VIP群没有修改。\n机器人账号所在的群：「报单群」、「闲聊群」、「尊享群」\n请发其中一个群名，或先把机器人账号拉进那个群。'),
    agentA: adminOnly('设置'),
    agentB: adminOnly('设置'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '任务', cells: {
    admin: priv(/^⏰ 定时任务/),
    agentA: adminOnly('任务'),
    agentB: adminOnly('任务'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '任务 reclassify', cells: {
    admin: priv(/^✅ 已运行「重新分类」（reclassify）：\n已按 2026-11-23 给 7 位客户重新分类/),
    agentA: adminOnly('任务'),
    agentB: adminOnly('任务'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  // Previews quote what goes to every agent and customer: a preview in the order group was read by all agents.
  { say: '任务 nudge 预览', before: [RECLASSIFY], cells: {
    admin: priv(/^🔍 预览「跟进提醒」（nudge）[\s\S]*发给 小王[\s\S]*孟悦[\s\S]*发给 小李[\s\S]*周七/),
    agentA: adminOnly('任务'),
    agentB: adminOnly('任务'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '任务 reactivate 预览', before: [RECLASSIFY], cells: {
    admin: priv(/^🔍 预览「唤醒客户」（reactivate）[\s\S]*发给 孟悦\n\s+孟悦您好/),
    agentA: adminOnly('任务'),
    agentB: adminOnly('任务'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '任务 digest 预览', before: [RECLASSIFY], cells: {
    admin: priv(/^🔍 预览「每日简报」（digest）[\s\S]*新转入睡眠：3 位：/),
    agentA: adminOnly('任务'),
    agentB: adminOnly('任务'),
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '孙九 13288889999 面膜2盒 398 已付', cells: {
    admin: quoting(p => new RegExp(`^✅ 已记录\\n#23 孙九 ${p('13288889999')}：面膜×2盒 ¥398 已付（新客户）\\n有误请发`)),
    agentA: quoting(p => new RegExp(`^✅ 已记录\\n#23 孙九 ${p('13288889999')}：面膜×2盒 ¥398 已付（新客户）\\n有误请发`)),
    agentB: quoting(p => new RegExp(`^✅ 已记录\\n#23 孙九 ${p('13288889999')}：面膜×2盒 ¥398 已付（新客户）\\n有误请发`)),
    // A customer's order for someone else goes to their agent to read; they hear it was passed on.
    customerOfA: dmOnly(PASSED_ON),
    unknown: SILENT,
  } },
  // B's customer's phone: A is refused without learning whose it is; a stranger "orders by themself"
  // (README: a direct message with a known phone links the contact) and hears only their own order back.
  { say: '杨柳 13744445555 面膜1盒 199 已付', cells: {
    admin: quoting(p => new RegExp(`^✅ 已记录\\n#23 杨柳 ${p('13744445555')}：面膜×1盒 ¥199 已付\\n有误请发`)),
    agentA: reply('⚠️ 这个电话已登记在别的代理或商家名下，这条报单没有记录。请联系管理员核对。'),
    agentB: quoting(p => new RegExp(`^✅ 已记录\\n#23 杨柳 ${p('13744445555')}：面膜×1盒 ¥199 已付\\n有误请发`)),
    customerOfA: dmOnly(PASSED_ON),
    unknown: dmOnly('✅ 已收到您的订单：面膜×1盒 ¥199。我们会尽快和您确认。'),
  } },
  // A customer's own order in their own words needs no name; from staff it is talk.
  { say: '再给我来两盒面膜', cells: {
    admin: HINT,
    agentA: HINT,
    agentB: HINT,
    customerOfA: dmOnly('✅ 已收到您的订单：面膜×2盒。我们会尽快和您确认。'),
    unknown: SILENT,
  } },
  { say: '退订', cells: {
    admin: HINT,
    agentA: HINT,
    agentB: HINT,
    customerOfA: dmOnly('好的，以后不再给你发送活动和提醒消息。想恢复时回复“订阅”即可。'),
    unknown: SILENT,
  } },
  { say: '订阅', before: [{ say: '退订' }], cells: {
    admin: HINT,
    agentA: HINT,
    agentB: HINT,
    customerOfA: dmOnly('好的，已恢复，之后有活动会再通知你。'),
    unknown: SILENT,
  } },
  { say: '绑定管理员 000000', cells: {
    admin: HINT,
    agentA: HINT,
    agentB: HINT,
    customerOfA: SILENT,
    unknown: SILENT,
  } },
  { say: '绑定管理员 123456', cells: {
    admin: HINT,
    agentA: dmOnly('✅ 你已绑定为管理员，小王。发“帮助”查看可用命令。'),
    agentB: dmOnly('✅ 你已绑定为管理员，小李。发“帮助”查看可用命令。'),
    customerOfA: dmOnly('✅ 你已绑定为管理员，Yue。发“帮助”查看可用命令。'),
    unknown: dmOnly('✅ 你已绑定为管理员，路人。发“帮助”查看可用命令。'),
  } },
  { say: '今天天气不错', cells: {
    admin: HINT,
    agentA: HINT,
    agentB: HINT,
    customerOfA: SILENT,
    unknown: SILENT,
  } },
]

// ---- what a speaker must not see -------------------------------------------------------------

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Everything that identifies a customer or their money: name, phone (full, masked, tail), amounts. */
function tokensOf(p: Person): { label: string, re: RegExp }[] {
  const total = p.yuan * p.ages.length
  const words = [p.phone, maskPhone(p.phone), `尾号${p.phone.slice(-4)}`]
  // Both agents have a 周七: the name alone tells nothing.
  if (PEOPLE.filter(q => q.name === p.name).length === 1) words.push(p.name)
  const out = words.map(w => ({ label: w, re: new RegExp(escapeRegExp(w)) }))
  for (const yuan of new Set([p.yuan, total])) {
    out.push({ label: formatFen(yuan * 100), re: new RegExp(`${escapeRegExp(formatFen(yuan * 100))}(?![\\d]|[.,]\\d)`) })
    out.push({ label: `${yuan}.00`, re: new RegExp(`(?<![\\d.])${yuan}\\.00(?!\\d)`) })
  }
  return out
}

/** What this speaker must not find in anything the bot sent them, except words they typed themselves. */
function forbiddenFor(who: Speaker, typed: string): { label: string, re: RegExp }[] {
  return PEOPLE.filter(p => !SCOPE[who].includes(p.owner)).flatMap(tokensOf).filter(t => !t.re.test(typed))
}

// ---- running a cell --------------------------------------------------------------------------

/** Every line the app logged while the matrix ran, as the logger port received it. */
const logged: string[] = []
const capture = (level: string) => (message: string, fields?: Record<string, unknown>): void => {
  logged.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`)
}
const capturingLogger: Logger = { info: capture('info'), warn: capture('warn'), error: capture('error') }

function freshApp() {
  const app = makeTestApp({ store: seeded(), config: { orderGroups: [ORDER_GROUP.topic] }, logger: capturingLogger })
  app.contacts.contacts.push(...MORE_CONTACTS)
  // The rooms the bot account is in: the order group, the unknown group and a VIP room.
  app.chat.rooms.push({ ...ORDER_GROUP, memberIds: [] }, { ...OTHER_GROUP, memberIds: [] }, { id: 'room-vip@chatroom', topic: '尊享群', memberIds: [] })
  let seq = 0
  async function send(who: Speaker, text: string, room: typeof ORDER_GROUP | null): Promise<void> {
    const from = SPEAKERS[who]
    const msg: IncomingMessage = {
      id: `mx${++seq}`,
      text,
      senderId: from.id,
      senderName: from.name,
      senderAlias: null,
      roomId: room?.id ?? null,
      roomTopic: room?.topic ?? null,
      mentionIds: [],
      fromSelf: false,
      stale: false,
      sentAt: NOW.toISOString(),
    }
    await app.router.handle(msg)
  }
  return { ...app, send }
}

/** The records a message that gets no answer must leave alone. */
function fingerprint(store: Store): string {
  return JSON.stringify({
    orders: store.orders.all(),
    payments: store.payments.all(),
    refunds: store.refunds.all(),
    agents: store.agents.all(),
    admins: store.admins.all(),
    settings: store.settings.all(),
    customers: store.customers.all().map(c => [c.id, c.agentId, c.name, c.phone, c.contactId]),
  })
}

async function runCell(row: Row, who: Speaker, room: typeof ORDER_GROUP | null) {
  const app = freshApp()
  for (const b of row.before ?? []) await app.send(b.as ?? who, b.say, b.as ? null : room)
  const sentBefore = app.chat.sent.length
  const filesBefore = app.chat.files.length
  const before = fingerprint(app.store)
  await app.send(who, row.say, room)
  return {
    sent: app.chat.sent.slice(sentBefore),
    files: app.chat.files.slice(filesBefore),
    unchanged: fingerprint(app.store) === before,
  }
}

const matches = (text: string, want: Text): boolean => typeof want === 'string' ? text === want : want.test(text)
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

function expectOutcome(cell: Awaited<ReturnType<typeof runCell>>, outcome: Outcome, who: Speaker, room: string | null): void {
  const self = SPEAKERS[who].id
  const inRoom = cell.sent.filter(s => s.conversationId === room).map(s => s.text)
  const direct = cell.sent.filter(s => s.conversationId === self).map(s => s.text)
  expect(cell.sent.filter(s => s.conversationId !== room && s.conversationId !== self), 'nothing goes to anyone else').toEqual([])
  expect(cell.files.filter(f => f.conversationId !== self), 'files only ever go to the asker privately').toEqual([])
  switch (outcome.kind) {
    case 'silent':
      expect(cell.sent).toEqual([])
      expect(cell.files).toEqual([])
      expect(cell.unchanged, 'a message that gets no answer changes no record').toBe(true)
      return
    case 'reply': {
      const where = room === null ? direct : inRoom
      expect(where, 'one answer where it was asked').toHaveLength(1)
      expect(matches(where[0]!, outcome.text), `answer:\n${where[0]}`).toBe(true)
      expect(room === null ? inRoom : direct).toEqual([])
      expect(cell.files).toEqual([])
      return
    }
    case 'private': {
      expect(inRoom).toEqual(room === null ? [] : [SENT_PRIVATELY])
      if (outcome.text === null) expect(direct).toEqual([])
      else {
        expect(direct, 'one private answer').toHaveLength(1)
        expect(matches(direct[0]!, outcome.text), `private answer:\n${direct[0]}`).toBe(true)
      }
      expect(cell.files).toHaveLength(outcome.files)
    }
  }
}

const outcomeAt = (cell: Cell, place: Place): Outcome => 'kind' in cell ? cell : cell[place]

describe('the access matrix', () => {
  it('has a row for every command in the registry', () => {
    const covered = new Set(ROWS.map(r => findCommand(r.say.split(/\s+/)[0]!)?.name))
    expect(commands.map(c => c.name).filter(name => !covered.has(name))).toEqual([])
  })

  it('refuses a staff command exactly to the roles the registry leaves out, and strangers hear no refusal', () => {
    const role = { admin: 'admin', agentA: 'agent', agentB: 'agent', customerOfA: null, unknown: null } as const
    for (const row of ROWS) {
      const def = findCommand(row.say.split(/\s+/)[0]!)
      if (!def) continue
      for (const who of SPEAKER_KEYS) {
        const o = outcomeAt(row.cells[who], 'dm')
        const refused = o.kind === 'reply' && o.text === `“${def.name}”只有管理员可以使用。`
        const r = role[who]
        expect(refused, `${row.say} for ${who}`).toBe(r !== null && !def.roles.includes(r))
      }
    }
  })

  describe.each(ROWS.map(r => [r.say, r] as const))('%s', (_say, row) => {
    it.each(SPEAKER_KEYS)('%s', async (who) => {
      for (const place of ['dm', 'group', 'other'] as const) {
        const room = place === 'dm' ? null : place === 'group' ? ORDER_GROUP : OTHER_GROUP
        const cell = await runCell(row, who, room)
        const everything = [...cell.sent.map(s => s.text), ...cell.files.filter(f => f.name.endsWith('.csv')).map(f => decode(f.bytes))].join('\n')
        for (const t of forbiddenFor(who, row.say)) expect(everything, `${who} in ${place} must not see ${t.label}`).not.toMatch(t.re)
        // What a room reads never holds a full phone number (the help's fixed examples are not anyone's).
        const roomText = cell.sent.filter(s => s.conversationId === room?.id).map(s => s.text).join('\n')
        expect(ORDER_EXAMPLES.reduce((t, e) => t.split(e).join(''), roomText)).not.toMatch(FULL_PHONE)
        // The unknown group: a room that is not an order group gets nothing, whoever speaks there.
        expectOutcome(cell, place === 'other' ? SILENT : outcomeAt(row.cells[who], place), who, room?.id ?? null)
      }
    })
  })
})

describe('exports and charts hold exactly the speaker\'s customers', () => {
  const monthStart = (m: string): string => `${m}-01`
  it.each([['admin', 7], ['agentA', 3], ['agentB', 3]] as const)('%s', async (who, count) => {
    const mine = PEOPLE.filter(p => SCOPE[who].includes(p.owner))
    for (const room of [null, ORDER_GROUP]) {
      const app = freshApp()
      await app.send(who, '导出', room)
      const rows = decode(app.chat.files[0]!.bytes).trim().split('\n').slice(1).map(r => r.split(','))
      expect(rows.map(r => r[3]).sort()).toEqual(mine.map(p => p.phone).sort())
      await app.send(who, '图表', room)
      const [pyramid, monthly] = app.charts.rendered
      expect(pyramid!.kind === 'tier-pyramid' && pyramid!.tiers.reduce((s, t) => s + t.customers, 0)).toBe(count)
      if (monthly!.kind !== 'monthly-revenue') throw new Error('expected the monthly chart second')
      const since = monthStart(monthly!.months[0]!.month)
      const expected = mine.flatMap(p => p.ages.map(ago).filter(d => d >= since).map(() => p.yuan * 100)).reduce((s, v) => s + v, 0)
      const drawn = monthly!.months.reduce((s, m) => s + Object.values(m.byGroup).reduce((a, v) => a + v, 0), 0)
      expect(drawn).toBe(expected)
    }
  })
})

describe('the admin code', () => {
  // test/app/router.test.ts already checks through the router: a wrong code gets nothing, the right one
  // binds once and then no longer works for anyone, and an expired one binds nobody.
  const issuedAt = new Date('2026-11-23T02:00:00.000Z')
  const at = (minutes: number): Date => new Date(issuedAt.getTime() + minutes * 60_000)

  it('is printed until it is used, and works once', () => {
    const code = createAdminCode({ code: '482913', issuedAt, ttlMinutes: 30 })
    expect(code.current(at(1))).toBe('482913')
    expect(code.redeem('000000', at(1))).toBe(false)
    expect(code.current(at(1)), 'a wrong guess does not use it up').toBe('482913')
    expect(code.redeem(' 482913 ', at(2))).toBe(true)
    expect(code.redeem('482913', at(2))).toBe(false)
    expect(code.current(at(2))).toBeNull()
  })

  it('expires after its minutes, to the millisecond', () => {
    const code = createAdminCode({ code: '482913', issuedAt, ttlMinutes: 30 })
    expect(code.current(new Date(at(30).getTime() - 1))).toBe('482913')
    expect(code.current(at(30))).toBeNull()
    expect(code.redeem('482913', at(30))).toBe(false)
    const fresh = createAdminCode({ code: '482913', issuedAt, ttlMinutes: 30 })
    expect(fresh.redeem('482913', new Date(at(30).getTime() - 1))).toBe(true)
  })

  it('binds nobody in a group or from backlog; an agent holding it becomes admin, once', async () => {
    const app = freshApp()
    const admins = (): string[] => app.store.admins.all().map(a => a.contactId)
    await app.send('unknown', '绑定管理员 123456', ORDER_GROUP)
    await app.router.handle({ id: 'late', text: '绑定管理员 123456', senderId: 'wx-x', senderName: '路人', senderAlias: null, roomId: null, roomTopic: null, mentionIds: [], fromSelf: false, stale: true, sentAt: NOW.toISOString() })
    expect(admins()).toEqual(['wx-boss'])
    expect(app.chat.sent).toEqual([])
    // Before the fix an agent's code was read as chatter (“没看懂这条消息”) and never bound.
    await app.send('agentA', '绑定管理员 123456', null)
    expect(admins()).toEqual(['wx-boss', 'wx-wang'])
    await app.send('agentA', '客户 杨柳', null)
    expect(app.chat.sent.at(-1)!.text).toMatch(/^👤 杨柳 13744445555（小李）/)
    await app.send('unknown', '绑定管理员 123456', null)
    expect(admins()).toEqual(['wx-boss', 'wx-wang'])
  })
})

describe('logs', () => {
  it('never receive a full phone number while the whole matrix runs', async () => {
    logged.length = 0
    for (const row of ROWS) {
      for (const who of SPEAKER_KEYS) {
        for (const room of [null, ORDER_GROUP, OTHER_GROUP]) await runCell(row, who, room)
      }
    }
    // A late incomplete order is logged with who sent it.
    const app = freshApp()
    await app.router.handle({ id: 'late-1', text: INCOMPLETE, senderId: 'wx-wang', senderName: '小王', senderAlias: null, roomId: ORDER_GROUP.id, roomTopic: ORDER_GROUP.topic, mentionIds: [], fromSelf: false, stale: true, sentAt: NOW.toISOString() })
    const text = logged.join('\n')
    for (const event of ['late order not recorded', 'customer linked by their own order', 'admin bound', 'job done'])
      expect(text).toContain(event)
    expect(logged.filter(l => FULL_PHONE.test(l))).toEqual([])
  })

  it('the terminal logger masks a phone number that reaches it anyway', () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => { lines.push(line) })
    try {
      createConsoleLogger().warn('send failed 13911112222', { to: '139-1111-2222', text: '杨柳 137 4444 5555' })
    }
    finally {
      spy.mockRestore()
    }
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(FULL_PHONE)
    expect(lines[0]).toContain('139****2222')
    expect(lines[0]).toContain('137****5555')
  })
})

describe('files are owner-only', () => {
  // The database file itself: test/adapters/file-store.test.ts ('creates the database file owner-only')
  // and test/e2e/start-command.test.ts (after `npm start`). wxcrm never writes its config file; it only reads it.
  const mode = (path: string): number => statSync(path).mode & 0o777
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true })
    .flatMap(e => e.isDirectory() ? [join(d, e.name), ...walk(join(d, e.name))] : [join(d, e.name)])
  const dirs: string[] = []
  const tempDir = (prefix: string): string => {
    const d = mkdtempSync(join(tmpdir(), prefix))
    dirs.push(d)
    return d
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('everything the store writes (database, its parts, lock, backups) is owner-only, and a world-readable database is made 0600 on the next write', async () => {
    const dir = tempDir('wxcrm-modes-')
    const file = join(dir, 'db.json')
    const first = await openFileStore({ file, today: () => TODAY })
    first.customers.add(aCustomer({ id: 'c1', phone: '13911112222' }))
    await first.commit()
    const written = walk(dir)
    expect(written.some(p => p.includes('backups'))).toBe(true)
    for (const path of written) expect(mode(path) & 0o077, `${path} is ${mode(path).toString(8)}`).toBe(0)
    await first.close()
    // Say an older version or a careless copy left it readable by everyone: the next write fixes that.
    chmodSync(file, 0o644)
    const again = await openFileStore({ file, today: () => TODAY })
    again.customers.add(aCustomer({ id: 'c2', phone: '13922223333' }))
    await again.commit()
    await again.close()
    expect(mode(file)).toBe(0o600)
  })

  it('`wxcrm export --out` writes the customer table 0600', async () => {
    const file = join(tempDir('wxcrm-export-'), 'customers.csv')
    await writeCsv(file, [['电话'], ['13911112222']])
    expect(mode(file)).toBe(0o600)
  })
})
