/** The product catalogue and profit, through chat: learned from 报单, costs entered with 商品, profit in every reply. */
import { describe, expect, it } from 'vitest'
import { withAgents } from '../helpers/test-app.js'

describe('商品: the catalogue learned from orders', () => {
  it('lists the products the orders named, with unit, usual price and how many orders', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.wang, '李四 13900139000 面膜1盒 199 已付')
    await app.say(app.wang, '王五 13700137000 精华1瓶 299 已付')
    const [list] = await app.say(app.boss, '商品 列表')
    expect(list).toMatch(/^🛍 商品 2 种（按订单数排序）\n1\. 面膜 · 每盒 · 常见价¥199 · 成本未录入 · 2单\n2\. 精华 · 每瓶 · 常见价¥299 · 成本未录入 · 1单\n/)
    expect(list).toContain('近一年有 2 种商品的订单没有成本：精华、面膜')
    const [one] = await app.say(app.boss, '商品 面膜')
    expect(one).toBe('🛍 面膜 · 每盒 · 常见价¥199 · 成本未录入 · 2单\n最近成交单价：¥199、¥199')
  })

  it('is for admins only, and answered privately when asked in a group', async () => {
    const app = await withAgents()
    expect(await app.say(app.wang, '商品 列表')).toEqual(['“商品”只有管理员可以使用。'])
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    const inRoom = await app.say(app.boss, '商品 列表', { room: app.room })
    expect(inRoom).toHaveLength(2)
    expect(inRoom).toContain('📩 已私聊发给你。')
    const sent = app.chat.sent.slice(-2)
    expect(sent.find(m => m.text.startsWith('🛍 商品 1 种'))).toMatchObject({ conversationId: 'wx-boss' })
  })
})

describe('costs and profit', () => {
  it('a cost reaches new orders; 含历史 writes it into past ones; the profile shows the profit', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    const [set] = await app.say(app.boss, '商品 面膜 成本 45 售价 199')
    expect(set).toBe('✅ 已更新：面膜 · 每盒 · 售价¥199 · 成本¥45，毛利77% · 1单\n新成本从现在起的订单生效；要用于以前的订单，再发一次并加上“含历史”。')
    expect(app.store.orders.all()[0]!.costFen).toBeNull()
    await app.say(app.wang, '张三 面膜1盒 199 已付')
    expect(app.store.orders.all()[1]).toMatchObject({ costFen: 4500, lines: [{ name: '面膜', costFen: 4500, shareFen: 19900 }] })

    // The first order's cost is unknown: the profit is estimated with the margin of the costed one.
    const [before] = await app.say(app.boss, '客户 张三')
    expect(before).toContain('近一年利润 ¥462（¥398 的商品未录入成本，按平均毛利率 77% 估算）')

    const [history] = await app.say(app.boss, '商品 面膜 成本 45 含历史')
    expect(history).toContain('成本已写入 1 张历史订单，利润按新成本重算。')
    expect(app.store.orders.all()[0]).toMatchObject({ costFen: 9000 })
    const [after] = await app.say(app.boss, '客户 张三')
    // (398 − 2×45) + (199 − 45) = 462, every cost known: no estimate.
    expect(after).toMatch(/\n近一年利润 ¥462\n/)
    const [overview] = await app.say(app.boss, '概览')
    expect(overview).toContain('贡献了近一年 100% 的利润')
    expect(overview).not.toContain('估算')
  })

  it('without any cost, the overview says the profit is the revenue, and names how many products lack a cost', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.wang, '李四 13900139000 精华1瓶 299 已付')
    const [overview] = await app.say(app.boss, '概览')
    expect(overview).toContain('利润按消费额估算：2 种商品未录入成本，发“商品 列表”补录')
    const [profile] = await app.say(app.boss, '客户 张三')
    expect(profile).toContain('近一年利润 ¥398（商品成本未录入，按消费额估算）')
  })

  it('splits an order total over its lines in proportion to catalogue prices', async () => {
    const app = await withAgents()
    await app.say(app.boss, '商品 面膜 成本 40 售价 100')
    await app.say(app.boss, '商品 精华 成本 100 售价 300')
    await app.say(app.wang, '张三 13800138000 面膜2盒 精华1瓶 共450 已付')
    const order = app.store.orders.all()[0]!
    // Weights 2×¥100 and 1×¥300: the ¥450 total splits ¥180 / ¥270; cost 2×¥40 + ¥100.
    expect(order.lines.map(l => [l.name, l.shareFen, l.costFen])).toEqual([['面膜', 18000, 4000], ['精华', 27000, 10000]])
    expect(order.costFen).toBe(18000)
    const [profile] = await app.say(app.boss, '客户 张三')
    expect(profile).toMatch(/\n近一年利润 ¥270\n/)
  })

  it('a corrected amount recomputes the shares with the costs the order was recorded with', async () => {
    const app = await withAgents()
    await app.say(app.boss, '商品 面膜 成本 40')
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.boss, '商品 面膜 成本 60')
    await app.say(app.wang, '改 上一单 金额 300')
    expect(app.store.orders.all()[0]).toMatchObject({ amountFen: 30000, costFen: 8000, lines: [{ costFen: 4000, shareFen: 30000 }] })
  })
})

describe('aliases and merges', () => {
  it('an alias makes another spelling the same product, and refuses a name that is its own product', async () => {
    const app = await withAgents()
    await app.say(app.boss, '商品 面膜 成本 45 售价 99')
    const [added] = await app.say(app.boss, '商品 面膜 别名 补水面膜')
    expect(added).toBe('✅ 已加别名：面膜（别名：补水面膜） · 售价¥99 · 成本¥45，毛利55% · 0单')
    await app.say(app.wang, '张三 13800138000 补水面膜2盒 198 已付')
    expect(app.store.orders.all()[0]).toMatchObject({ costFen: 9000 })
    await app.say(app.wang, '李四 13900139000 精华1瓶 299 已付')
    const [refused] = await app.say(app.boss, '商品 面膜 别名 精华')
    expect(refused).toBe('“精华”已经是单独的商品“精华”。要把它并入“面膜”，请发“商品 合并 面膜 精华”。')
  })

  it('merges two spellings into one product: its orders, prices and names', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.wang, '李四 13900139000 面膜贴1盒 199 已付')
    const [merged] = await app.say(app.boss, '商品 合并 面膜 面膜贴')
    expect(merged).toBe('✅ 已合并：面膜（别名：面膜贴） · 每盒 · 常见价¥199 · 成本未录入 · 2单\n以后“面膜贴”都算作“面膜”。')
    expect(await app.say(app.boss, '商品 合并 面膜 面膜贴')).toEqual(['“面膜”和“面膜贴”已经是同一个商品。'])
    const [set] = await app.say(app.boss, '商品 面膜贴 成本 50 含历史')
    expect(set).toContain('成本已写入 2 张历史订单')
    expect(app.store.orders.all().map(o => o.costFen)).toEqual([10000, 5000])
  })
})

describe('bad input', () => {
  it('says what it did not understand and changes nothing', async () => {
    const app = await withAgents()
    expect(await app.say(app.boss, '商品 面膜 成本 很便宜')).toEqual(['“很便宜”不是金额，请写数字，如“成本 45”。'])
    expect(await app.say(app.boss, '商品 面膜 售价')).toEqual([expect.stringMatching(/^没看懂“售价”。用法：/)])
    expect(await app.say(app.boss, '商品 面膜 含历史')).toEqual(['“含历史”要和成本一起写，如“商品 面膜 成本 45 含历史”。'])
    expect(await app.say(app.boss, '商品 口红')).toEqual(['商品目录里没有“口红”。发“商品 列表”查看，或发“商品 口红 成本 45 售价 99”添加。'])
    expect(await app.say(app.boss, '商品 合并 面膜')).toEqual(['用法：商品 合并 <保留的名称> <并入的名称>，如“商品 合并 面膜 补水面膜”。'])
    expect(app.store.products.all()).toEqual([])
  })
})
