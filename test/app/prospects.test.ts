/**
 * Prospects (意向客户) through the router's front door: an agent records one with what they asked,
 * the grade follows the rule table, follow-ups and silence move it, the morning nudge lists the ones
 * to follow up, and the first order turns the prospect into a customer.
 */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { dateOfDay, dayNumber } from '../../src/domain/calendar.js'
import type { Store } from '../../src/domain/ports.js'
import { parseConfig } from '../../src/app/config.js'
import { prospectsFromRoomJoin } from '../../src/app/prospects/room-join.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { makeTestApp, NOW } from '../helpers/test-app.js'

const TODAY = '2026-11-23'
const ago = (days: number): string => dateOfDay(dayNumber(TODAY) - days)
const later = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000)

/** 小王 (a1) and 小李 (a2), a catalogue that knows 面膜 and 精华, and 张三 — a loyal customer of 小王. */
function seeded(): Store {
  const store = createMemoryStore()
  store.agents.add({ id: 'a1', name: '小王', contactId: 'wx-wang', addedAt: NOW.toISOString(), active: true })
  store.agents.add({ id: 'a2', name: '小李', contactId: 'wx-li', addedAt: NOW.toISOString(), active: true })
  store.customers.add(aCustomer({ id: 'c1', name: '张三', agentId: 'a1', phone: '13800138000' }))
  const ages = [330, 300, 270, 240, 210, 180, 150, 120, 90, 60, 30, 5]
  ages.forEach((age, i) => store.orders.add(anOrder({ id: `o${i + 1}`, no: i + 1, customerId: 'c1', agentId: 'a1', placedOn: ago(age), amountFen: 80_000, payment: 'paid', paidFen: 80_000, lines: [{ name: i % 2 ? '精华' : '面膜', qty: 2, unit: '盒', unitPriceFen: 40_000, amountFen: 80_000, spec: null }] })))
  for (let i = 0; i < ages.length; i++) store.nextSeq('order')
  store.nextSeq('customer')
  return store
}

async function appWithCatalogue() {
  const app = makeTestApp({ store: seeded() })
  // The catalogue learns products from recorded orders: two real orders teach it 面膜 and 精华.
  await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
  await app.say(app.wang, '张三 13800138000 精华1瓶 299 已付')
  return app
}

describe('意向: recording a prospect', () => {
  it.each([
    ['a concrete need: product, quantity and delivery terms', '意向 刘姐 13811112222 朋友圈 想要面膜两盒，包邮吗', 'A', '问到具体商品、说了数量或规格、问了付款或发货'],
    ['a question about one product', '意向 刘姐 13811112222 群 精华适合干皮吗', 'B', '问到具体商品'],
    ['the price only', '意向 刘姐 13811112222 扫码 多少钱', 'C', '问了价格'],
    ['nothing asked yet', '意向 刘姐 13811112222 展会', 'C', '还没问过什么'],
  ])('%s → %s', async (_, say, grade, why) => {
    const app = await appWithCatalogue()
    const [reply] = await app.say(app.wang, say)
    expect(reply).toMatch(new RegExp(`^✅ 已记为意向客户：刘姐 13811112222（来源：[^）]+）\\n意向等级：${grade} · ${why}$`))
    const stored = app.store.customers.byPhone('13811112222')!
    expect(stored.agentId).toBe('a1')
    expect(stored.prospect?.convertedOn).toBeUndefined()
  })

  it('a referral from a good customer lifts one grade; the same phone again adds to the same prospect', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 13811112222 转介绍 精华适合干皮吗')
    expect(await app.say(app.wang, '介绍人 刘姐 张三')).toEqual(['✅ 已记下：刘姐 是 张三 介绍来的。'])
    expect((await app.say(app.wang, '客户 刘姐'))[0]).toContain('\n意向等级：A · 问到具体商品；好客户介绍来的，升一级\n')
    const [again] = await app.say(app.wang, '意向 刘姐 13811112222 要两瓶，顺丰到付')
    expect(again).toBe('✅ 已补充意向客户 刘姐 的信息。\n意向等级：A · 问到具体商品、说了数量或规格、问了付款或发货')
    expect(app.store.customers.all().filter(c => c.name === '刘姐')).toHaveLength(1)
    const [profile] = await app.say(app.wang, '客户 刘姐')
    expect(profile).toMatch(/^👤 刘姐 13811112222\n意向客户，还没有下单。\n意向等级：A · [^\n]+\n来源：转介绍 · 首次联系 2026-11-23 · 今天联系过\n问过（11-23）：精华适合干皮吗\n问过（11-23）：要两瓶,顺丰到付\n阶段：潜在客户/)
    expect(profile).toContain('\n介绍人：张三')
  })

  it('refuses a phone that is another agent\'s, and a customer who already ordered', async () => {
    const app = await appWithCatalogue()
    expect(await app.say(app.li, '意向 阿三 13800138000')).toEqual(['⚠️ 这个电话已登记在别的代理或商家名下，没有记录。请联系管理员核对。'])
    expect(await app.say(app.wang, '意向 张三 13800138000')).toEqual(['张三 已经是客户了，发“客户 张三”查看。'])
    expect(await app.say(app.wang, '意向 13811112222')).toEqual(['请先写意向客户的名字。用法：意向 <名字> [电话] [来源] [说明]（来源：朋友圈、群、转介绍、扫码、展会、搜索、其他）｜意向 分配 <名字> <代理>'])
  })
})

describe('grades over time, the list and the morning nudge', () => {
  it('drops a grade after 30 days without a word or a follow-up; a follow-up brings it back', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 13811112222 群 精华适合干皮吗')
    app.setNow(later(31))
    expect((await app.say(app.wang, '意向客户'))[0]).toMatch(/^意向客户 1 位（A 0 · B 0 · C 1；A 级在前）\n1\. 刘姐 C级 · 群 · 31天前联系 · 问到具体商品；31天没有联系或跟进，降一级\n/)
    expect(await app.say(app.wang, '跟进 刘姐 发了试用装')).toEqual(['✅ 已记下对 刘姐 的跟进。\n意向等级：B · 问到具体商品'])
    expect((await app.say(app.wang, '意向客户 B'))[0]).toMatch(/^B级意向客户 1 位（A 0 · B 1 · C 0；A 级在前）\n1\. 刘姐 B级 · 群 · 今天联系过 · 问到具体商品\n第1\/1页$/)
    expect(await app.say(app.wang, '意向客户 A')).toEqual(['A级意向客户：暂时没有（共 1 位意向客户）。'])
  })

  it('the morning nudge lists the agent\'s prospects not followed up for followUpDays, best first', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 13811112222 朋友圈 想要面膜两盒，包邮吗')
    await app.say(app.wang, '意向 王姐 13811113333 群 多少钱')
    await app.say(app.li, '意向 赵姐 13811114444 群 精华怎么用')
    app.setNow(later(4))
    await app.say(app.li, '跟进 赵姐 约了周末试用')
    const [preview] = await app.say(app.boss, '任务 nudge 预览')
    expect(preview).toMatch(/发给 小王[\s\S]*· 刘姐（A级，4天没联系；[^）]+）\n[\s\S]*· 王姐（C级，4天没联系；问了价格）/)
    expect(preview).not.toContain('赵姐')
  })

  it('admins see every prospect, hand out the unassigned ones, and agents never see another agent\'s', async () => {
    const app = await appWithCatalogue()
    expect((await app.say(app.boss, '意向 孙姐 13811115555 展会'))[0]).toContain('还没有分给代理')
    await app.say(app.li, '意向 赵姐 13811114444 群 精华怎么用')
    expect((await app.say(app.boss, '意向客户'))[0]).toMatch(/\n1\. 赵姐（小李） B级[\s\S]*\n2\. 孙姐（未分配） C级/)
    expect(await app.say(app.wang, '意向 分配 孙姐 小王')).toEqual(['只有管理员可以分配意向客户。'])
    expect(await app.say(app.boss, '意向 分配 孙姐 小王')).toEqual(['✅ 已把意向客户 孙姐 分给 小王 跟进。'])
    expect((await app.say(app.wang, '意向客户'))[0]).toMatch(/^意向客户 1 位[^\n]*\n1\. 孙姐 C级/)
    expect((await app.say(app.li, '跟进 孙姐 打了电话'))[0]).toMatch(/^找不到客户“孙姐”/)
  })
})

describe('图表 漏斗', () => {
  it('draws the agent\'s funnel with the stage counts', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 13811112222 朋友圈 想要面膜两盒，包邮吗')
    const files = app.chat.files.length
    expect(await app.say(app.wang, '图表 漏斗')).toEqual([])
    expect(app.chat.files.slice(files).map(f => f.name)).toEqual(['客户漏斗-2026-11-23.png'])
    const spec = app.charts.rendered.at(-1)!
    expect(spec.kind === 'funnel' && spec.stages.map(s => [s.label, s.count])).toEqual([['潜在客户', 1], ['新客户', 0], ['老客户', 0], ['忠诚客户', 1]])
  })
})

describe('conversion', () => {
  it('the first order by phone turns the prospect into a customer and keeps the days it took', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 13811112222 朋友圈 想要面膜两盒，包邮吗')
    app.setNow(later(5))
    const [recorded] = await app.say(app.wang, '刘姐 13811112222 面膜2盒 398 已付')
    expect(recorded).toMatch(/^✅ 已记录\n#\d+ 刘姐 13811112222：面膜×2盒 ¥398 已付/)
    expect(app.store.customers.all().filter(c => c.phone === '13811112222')).toHaveLength(1)
    expect(await app.say(app.wang, '意向客户')).toEqual(['还没有意向客户。记一位：意向 刘姐 13811112222 朋友圈 问面膜怎么买'])
    const [profile] = await app.say(app.wang, '客户 刘姐')
    expect(profile).toContain('意向转化：2026-11-23 首次联系（朋友圈），2026-11-28 首单，用了5天')
    expect(profile).toContain('阶段：新客户')
    // 概览's funnel counts the step; another prospect still waiting is in its base.
    await app.say(app.wang, '意向 王姐 13811113333 群 多少钱')
    const [overview] = await app.say(app.wang, '概览')
    expect(overview).toMatch(/\n漏斗：潜在 1 → 新 1 → 老 0 → 忠诚 1（沉睡 0）\n本月转化（截至 11-28）：潜在→新 50%（1\/2，上月 —）/)
  })

  it('undoing a prospect\'s only order makes them a prospect again', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 13811112222 朋友圈 想要面膜两盒，包邮吗')
    await app.say(app.wang, '刘姐 13811112222 面膜2盒 398 已付')
    expect(await app.say(app.wang, '意向客户')).toEqual(['还没有意向客户。记一位：意向 刘姐 13811112222 朋友圈 问面膜怎么买'])
    expect((await app.say(app.wang, '撤销'))[0]).toMatch(/^↩️ 已撤销/)
    expect((await app.say(app.wang, '意向客户'))[0]).toMatch(/^意向客户 1 位[^\n]*\n1\. 刘姐 A级/)
  })

  it('an order by name alone finds the one unassigned prospect of that name', async () => {
    const app = await appWithCatalogue()
    await app.say(app.boss, '意向 孙姐 展会 问精华')
    expect((await app.say(app.li, '孙姐 精华1瓶 299 已付'))[0]).toMatch(/^✅ 已记录/)
    expect(app.store.customers.all().filter(c => c.name === '孙姐')).toEqual([expect.objectContaining({ agentId: 'a2', prospect: expect.objectContaining({ convertedOn: '2026-11-23' }) })])
  })

  it('the same name again, now with a phone, adds to the prospect instead of making a second', async () => {
    const app = await appWithCatalogue()
    await app.say(app.wang, '意向 刘姐 问面膜怎么用')
    await app.say(app.wang, '意向 刘姐 13811112222 要两盒')
    expect(app.store.customers.all().filter(c => c.name === '刘姐')).toEqual([expect.objectContaining({ phone: '13811112222' })])
  })

  it('an unassigned prospect becomes the customer of the agent who records their first order', async () => {
    const app = await appWithCatalogue()
    await app.say(app.boss, '意向 孙姐 13811115555 展会')
    const [recorded] = await app.say(app.li, '孙姐 13811115555 精华1瓶 299 已付')
    expect(recorded).toMatch(/^✅ 已记录/)
    expect(app.store.customers.byPhone('13811115555')).toMatchObject({ agentId: 'a2' })
  })
})

describe('prospects from customer groups', () => {
  it('records who joins a customer group or the VIP room, leaving out staff, customers and other rooms', () => {
    const store = seeded()
    store.settings.set('vipRoom', 'VIP群')
    const config = parseConfig({ env: {}, fileText: JSON.stringify({ customerGroups: ['护肤交流群'] }) })
    const joined = [{ id: 'wx-new', name: '新人' }, { id: 'wx-wang', name: '小王' }]
    store.customers.update({ ...store.customers.byId('c1')!, contactId: 'wx-zhang' })
    expect(prospectsFromRoomJoin(store, config, { topic: '闲聊群' }, joined, NOW)).toBe(0)
    expect(prospectsFromRoomJoin(store, config, { topic: '护肤交流群' }, [...joined, { id: 'wx-zhang', name: '张三' }], NOW)).toBe(1)
    expect(store.customers.byContact('wx-new')).toMatchObject({ name: '新人', agentId: null, prospect: { source: '群', inquiries: [{ text: '加入了群「护肤交流群」' }] } })
    expect(prospectsFromRoomJoin(store, config, { topic: 'VIP群' }, [{ id: 'wx-other', name: '' }], NOW)).toBe(1)
    expect(store.customers.byContact('wx-other')!.name).toBe('群成员')
    // The same person joining again is already on record.
    expect(prospectsFromRoomJoin(store, config, { topic: 'VIP群' }, [{ id: 'wx-new', name: '新人' }], NOW)).toBe(0)
  })

  it('keeps what a prospect linked to their contact writes to the bot, silently, and grades it', async () => {
    const app = await appWithCatalogue()
    const config = parseConfig({ env: {}, fileText: JSON.stringify({ customerGroups: ['护肤交流群'] }) })
    prospectsFromRoomJoin(app.store, config, { topic: '护肤交流群' }, [{ id: 'wx-new', name: '新人' }], NOW)
    expect(await app.say({ id: 'wx-new', name: '新人' }, '精华要两瓶，包邮吗')).toEqual([])
    const [list] = await app.say(app.boss, '意向客户')
    expect(list).toMatch(/\n1\. 新人（未分配） A级 · 群 · 今天联系过 · 问到具体商品、说了数量或规格、问了付款或发货\n/)
  })
})
