/**
 * Where a customer stands beyond the four groups, through the router's front door: the lifecycle
 * stage in 客户 and in the morning nudge, type, tags and referrals, and the referral perk.
 */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { mainRecordSchemas } from '../../src/adapters/store/schema.js'
import { parseConfig } from '../../src/app/config.js'
import { nudgeCustomers } from '../../src/app/jobs/nudge-job.js'
import { toPolicy } from '../../src/app/segments/policy-config.js'
import { dateOfDay, dayNumber } from '../../src/domain/calendar.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { makeTestApp, NOW } from '../helpers/test-app.js'

const TODAY = '2026-11-23'
const ago = (days: number): string => dateOfDay(dayNumber(TODAY) - days)

/** 小王 (a1): 张三 (12 orders, steady), 李四 (1 order), 王五 (3 orders), 美美美容院 (2 orders), 孙九 (no order that stood), 钱八 (stopped 200 days ago); 小李 (a2): 杨柳. */
function seeded(): ReturnType<typeof createMemoryStore> {
  const store = createMemoryStore()
  store.agents.add({ id: 'a1', name: '小王', contactId: 'wx-wang', addedAt: NOW.toISOString(), active: true })
  store.agents.add({ id: 'a2', name: '小李', contactId: 'wx-li', addedAt: NOW.toISOString(), active: true })
  const people: [id: string, name: string, agent: string, phone: string, ages: number[]][] = [
    ['c1', '张三', 'a1', '13800138000', [330, 300, 270, 240, 210, 180, 150, 120, 90, 60, 30, 5]],
    ['c2', '李四', 'a1', '13900139000', [3]],
    ['c3', '王五', 'a1', '13700137000', [40, 25, 10]],
    ['c4', '美美美容院', 'a1', '13600136000', [20, 8]],
    ['c5', '孙九', 'a1', '13500135000', []],
    ['c6', '杨柳', 'a2', '13400134000', [50, 20]],
    ['c7', '钱八', 'a1', '13300133000', [230, 220, 210, 200]],
  ]
  let no = 0
  for (const [id, name, agentId, phone, ages] of people) {
    store.customers.add(aCustomer({ id, name, agentId, phone }))
    for (const age of ages) {
      no++
      store.orders.add(anOrder({ id: `o${no}`, no, customerId: id, agentId, placedOn: ago(age), amountFen: 20_000, payment: 'paid', paidFen: 20_000 }))
    }
  }
  for (let i = 0; i < no; i++) store.nextSeq('order')
  for (let i = 0; i < people.length; i++) store.nextSeq('customer')
  return store
}

describe('lifecycle stage', () => {
  it.each([
    ['李四', '新客户'],
    ['王五', '老客户'],
    ['孙九', '潜在客户'],
  ])('客户 %s shows %s with its problems and what to do', async (name, stage) => {
    const app = makeTestApp({ store: seeded() })
    const [profile] = await app.say(app.wang, `客户 ${name}`)
    expect(profile).toMatch(new RegExp(`\\n阶段：${stage} · 常见问题：[^\\n]+\\n该做：[^\\n]+`))
  })

  it('a customer with more orders than lifecycle.matureOrders is 成熟 unless the group says 忠诚 or 沉睡', async () => {
    const app = makeTestApp({ store: seeded(), config: { lifecycle: { matureOrders: 3 } } })
    const [wang] = await app.say(app.wang, '客户 王五')
    expect(wang).toContain('阶段：成熟客户')
    const [zhang] = await app.say(app.wang, '客户 张三')
    expect(zhang).toMatch(/分组：忠诚型[\s\S]*阶段：忠诚客户/)
  })
})

describe('type and tags', () => {
  it('suggests 企业 by the name until an agent sets the type, and keeps what was set', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say(app.wang, '客户 美美美容院'))[0]).toMatch(/^👤 美美美容院 13600136000 · 企业（按名字）\n/)
    expect(await app.say(app.wang, '类型 美美美容院 个人')).toEqual(['✅ 已把客户 美美美容院 设为个人客户。'])
    expect((await app.say(app.wang, '客户 美美美容院'))[0]).toMatch(/^👤 美美美容院 13600136000\n/)
    expect(await app.say(app.wang, '类型 王五 企业')).toEqual(['✅ 已把客户 王五 设为企业客户。'])
    expect((await app.say(app.wang, '客户 王五'))[0]).toMatch(/^👤 王五 13700137000 · 企业\n/)
    expect(await app.say(app.wang, '类型 王五 法人')).toEqual(['类型只能是“个人”或“企业”。用法：类型 <客户> 个人|企业'])
  })

  it('adds and removes tags, refuses bad ones without changing anything, and lists by tag', async () => {
    const app = makeTestApp({ store: seeded() })
    expect(await app.say(app.wang, '标签 王五 +注重品质 价格敏感')).toEqual(['✅ 已加上：注重品质、价格敏感\n客户 王五 现在的标签：注重品质、价格敏感'])
    expect(await app.say(app.wang, '标签 王五 -价格敏感 +注重品质')).toEqual(['✅ 已去掉：价格敏感\n客户 王五 现在的标签：注重品质'])
    expect(await app.say(app.wang, '标签 王五 +这个标签实在是太长了写不下去')).toEqual(['没有改动：“这个标签实在是太长了写不下去”太长（最多12个字）。'])
    expect(app.store.customers.byId('c3')!.tags).toEqual(['注重品质'])
    expect(await app.say(app.wang, '标签 王五')).toEqual(['客户 王五 的标签：注重品质'])
    await app.say(app.wang, '标签 张三 注重品质、回头客')
    expect((await app.say(app.wang, '客户 张三'))[0]).toContain('\n标签：注重品质、回头客')
    const [list] = await app.say(app.wang, '标签客户 注重品质')
    expect(list).toMatch(/^带“注重品质”标签的客户 2 位（先列价值高的）\n1\. 张三 [A-D]级 · 忠诚型\n2\. 王五 /)
    expect(await app.say(app.wang, '标签客户 不存在')).toEqual(['没有带“不存在”标签的客户。常用的标签：注重品质（2）、回头客（1）'])
    // Another agent's customers are not theirs to tag or list.
    expect((await app.say(app.li, '标签 王五 +x'))[0]).toMatch(/^找不到客户“王五”/)
    expect(await app.say(app.li, '标签客户 注重品质')).toEqual(['没有带“注重品质”标签的客户，也还没有客户有标签。'])
  })
})

describe('referrals', () => {
  it('records who brought whom, refuses a circle, shows what a referrer brought, and ranks referrers', async () => {
    const app = makeTestApp({ store: seeded() })
    expect(await app.say(app.wang, '介绍人 李四 张三')).toEqual(['✅ 已记下：李四 是 张三 介绍来的。'])
    expect(await app.say(app.wang, '介绍人 王五 张三')).toEqual(['✅ 已记下：王五 是 张三 介绍来的。'])
    expect(await app.say(app.wang, '介绍人 张三 李四')).toEqual(['李四 是 张三 介绍来的（或间接介绍来的），不能反过来记。'])
    expect(await app.say(app.wang, '介绍人 张三 张三')).toEqual(['客户不能是自己的介绍人。'])
    expect(await app.say(app.wang, '介绍人 孙九 王五')).toEqual(['✅ 已记下：孙九 是 王五 介绍来的。'])
    const [zhang] = await app.say(app.wang, '客户 张三')
    expect(zhang).toContain('\n介绍来 2 位客户（2 位已下单），带来消费 ¥800')
    expect((await app.say(app.wang, '客户 李四'))[0]).toContain('\n介绍人：张三')
    expect(await app.say(app.wang, '推荐之星')).toEqual(['推荐之星 2 位（按带来的消费排序）\n1. 张三 介绍 2 位，2 位已下单，带来 ¥800\n2. 王五 介绍 1 位，0 位已下单，带来 ¥0\n第1/1页'])
    expect(await app.say(app.wang, '介绍人 李四 无')).toEqual(['✅ 已清除客户 李四 的介绍人。'])
    expect(app.store.customers.byId('c2')!.referredBy).toBeUndefined()
    // 杨柳 is 小李's: 小王 cannot name her as anyone's referrer.
    expect((await app.say(app.wang, '介绍人 李四 杨柳'))[0]).toMatch(/^介绍人：找不到客户“杨柳”/)
  })

  it('reads 张三介绍 in an order: a known customer becomes the referrer, an unknown name stays on the order', async () => {
    const app = makeTestApp({ store: seeded() })
    expect((await app.say(app.wang, '刘芳 13811112222 面膜2盒 398 已付 张三介绍'))[0]).toMatch(/^✅ 已记录/)
    expect(app.store.customers.byPhone('13811112222')!.referredBy).toBe('c1')
    expect((await app.say(app.wang, '客户 张三'))[0]).toContain('\n介绍来 1 位客户（1 位已下单），带来消费 ¥398')
    await app.say(app.wang, '姓名：孙丽\n电话：13811113333\n产品：面膜1盒\n金额：99\n介绍人：李雷')
    const sun = app.store.customers.byPhone('13811113333')!
    expect(sun.referredBy).toBeUndefined()
    expect(app.store.orders.ofCustomer(sun.id)[0]!.note).toBe('介绍人：李雷')
    // 小李's 杨柳 is not 小王's to name: the name stays on the order.
    await app.say(app.wang, '周梅 13811114444 面膜1盒 99 杨柳推荐的')
    expect(app.store.customers.byPhone('13811114444')!.referredBy).toBeUndefined()
  })

  it('keeps the referrer of an order waiting for 确认 in the stored question', async () => {
    const store = seeded()
    const app = makeTestApp({ store })
    const [question] = await app.say(app.wang, '刘芳 13811112222 面膜2盒 张三介绍')
    expect(question).toMatch(/^❓ 我是这样理解的/)
    const waiting = store.data().pending
    expect(waiting[0]!.drafts[0]!.referrer).toBe('张三')
    for (const p of waiting) expect(mainRecordSchemas.pending.parse(p)).toEqual(p)
    await app.say(app.wang, '确认')
    expect(app.store.customers.byPhone('13811112222')!.referredBy).toBe('c1')
  })

  it('the perks job gives a referrer one perk once someone they brought has ordered', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say(app.wang, '介绍人 孙九 王五')
    const before = await app.say(app.boss, '任务 perks 预览')
    expect(before.join('\n')).not.toContain('王五您好')
    await app.say(app.wang, '介绍人 李四 王五')
    const [preview] = await app.say(app.boss, '任务 perks 预览')
    expect(preview).toMatch(/客户 王五 达成了会员福利[\s\S]*您介绍的朋友已经在我们这里下单了/)
  })
})

describe('regions', () => {
  it('概览 counts customers by province; a list keeps to a province or city', async () => {
    const store = seeded()
    const at = (id: string, province: string, city: string) => store.customers.update({ ...store.customers.byId(id)!, region: { province, city, district: null } })
    at('c1', '广东省', '深圳市')
    at('c3', '广东省', '广州市')
    at('c7', '浙江省', '杭州市')
    const app = makeTestApp({ store })
    expect((await app.say(app.wang, '概览'))[0]).toMatch(/\n地区：广东 2 · 浙江 1 · 地址未知 2\n/)
    expect((await app.say(app.wang, '睡眠客户 浙江'))[0]).toMatch(/^睡眠型客户（浙江） 1 位（[^）]+）\n1\. 钱八 /)
    expect(await app.say(app.wang, '睡眠客户 深圳市')).toEqual(['睡眠型客户（深圳市）：暂时没有。（地区按报单里写的地址算）'])
    expect((await app.say(app.wang, '忠诚客户 深圳市 1'))[0]).toMatch(/^忠诚型客户（深圳市） 1 位（[^）]+）\n1\. 张三 /)
    expect(await app.say(app.wang, '图表 地区')).toEqual([])
    const spec = app.charts.rendered.at(-1)!
    expect(spec.kind === 'ranked-bars' && [spec.bars, spec.footnote]).toEqual([[{ label: '广东', value: 2 }, { label: '浙江', value: 1 }], '按报单里的地址算 · 地址未知 2 人'])
  })
})

describe('the morning nudge', () => {
  it('carries each listed customer\'s stage (one who just became dormant is 沉睡客户)', async () => {
    const app = makeTestApp({ store: seeded() })
    await app.say(app.boss, '任务 reclassify')
    const listed = nudgeCustomers(app.store, TODAY, toPolicy(parseConfig({ env: {} }).classify), 10)
    expect(listed.find(c => c.name === '钱八')).toMatchObject({ reason: 'dormant', stage: '沉睡客户' })
  })
})
