/** Figures that must agree wherever a merchant reads them: list order, profile wording, 概览 and the pyramid. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { backfillCatalogue } from '../../src/app/ledger/catalogue.js'
import { dateOfDay, dayNumber } from '../../src/domain/calendar.js'
import type { Store } from '../../src/domain/ports.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { makeTestApp, NOW, withAgents } from '../helpers/test-app.js'

const TODAY = '2026-11-23'
const ago = (days: number): string => dateOfDay(dayNumber(TODAY) - days)

/**
 * Twelve customers of the merchant. 大客户 (c12, the last id) bought ¥1,500 every 20 days until 150 days
 * ago: the most valuable of the dormant ones. The small ones went quiet after one or two ¥100 orders.
 */
function shop(): Store {
  const store = createMemoryStore()
  store.admins.add({ contactId: 'wx-boss', name: '老板', boundAt: NOW.toISOString() })
  let no = 0
  const add = (id: string, name: string, ages: number[], yuan: number): void => {
    store.customers.add(aCustomer({ id, name, phone: `139${String(no + 10_000_000).padStart(8, '0')}` }))
    for (const age of ages) {
      no++
      store.orders.add(anOrder({ id: `o${no}`, no, customerId: id, placedOn: ago(age), amountFen: yuan * 100, payment: 'paid', paidFen: yuan * 100 }))
    }
  }
  add('c01', '小甲', [200], 100)
  add('c02', '小乙', [260, 220], 100)
  add('c03', '小丙', [300], 100)
  for (let i = 4; i <= 11; i++) add(`c${String(i).padStart(2, '0')}`, `常客${i}`, [90, 60, 30, 5], 200)
  add('c12', '大客户', [350, 330, 310, 290, 270, 250, 230, 210, 190, 170, 150], 1500)
  for (let i = 0; i < no; i++) store.nextSeq('order')
  backfillCatalogue(store, NOW.toISOString())
  return store
}

describe('lists are sorted by value, as their header says', () => {
  it('睡眠客户 puts the customer worth waking first', async () => {
    const app = makeTestApp({ store: shop() })
    const [list] = await app.say(app.boss, '睡眠客户')
    const lines = list!.split('\n')
    expect(lines[0]).toMatch(/^睡眠型客户 4 位（按价值排序：先价值档，再近一年消费，先唤醒价值高的）$/)
    expect(lines[1]).toMatch(/^1\. 大客户 A级 /)
    // The small ones follow by their spend of the last year: ¥200 (小乙), then ¥100 (小甲), then ¥0 (小丙).
    expect(lines.slice(2, 5).map(l => l.replace(/^\d+\. (\S+) .*$/, '$1'))).toEqual(['小乙', '小甲', '小丙'])
  })
})

describe('概览 and the pyramid chart come from one computation', () => {
  it('the top tier\'s share in 概览 is the share the pyramid draws', async () => {
    const app = makeTestApp({ store: shop() })
    const [overview] = await app.say(app.boss, '概览')
    const m = /([ABCD])级 (\d+) 位（占客户 (\d+)%）贡献了近一年 (\d+)% 的利润/.exec(overview!)
    expect(m).not.toBeNull()
    await app.say(app.boss, '图表')
    const pyramid = app.charts.rendered.find(s => s.kind === 'tier-pyramid')
    expect(pyramid?.kind).toBe('tier-pyramid')
    if (pyramid?.kind !== 'tier-pyramid') return
    const tiers = pyramid.tiers as { tier: string, customers: number, profitFen: number }[]
    const total = tiers.reduce((s, t) => s + t.profitFen, 0)
    const top = tiers.find(t => t.tier === m![1])!
    expect(top.customers).toBe(Number(m![2]))
    expect(Math.round((top.profitFen / total) * 100)).toBe(Number(m![4]))
    // The tier line of 概览 shows the same profit per tier.
    const tierLine = overview!.split('\n').find(l => l.startsWith('价值分层（近一年利润）'))!
    expect(tierLine).toContain(`${top.tier} ${top.customers}人`)
  })
})

describe('a profile never contradicts itself', () => {
  it('two orders on one day are two orders, not a first order', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.wang, '张三 精华1瓶 199 已付')
    const [profile] = await app.say(app.wang, '客户 张三')
    expect(profile).toContain('· 新客户：今天下了2单')
    expect(profile).toContain('累计消费 ¥597（2单）')
    expect(profile).toContain('预计下次购买：只在一天里下过2单，今天刚下单')
    expect(profile).not.toMatch(/第一单|只下过一单|已0天/)
  })

  it('one order some days ago says how long ago, once', async () => {
    const app = await withAgents()
    app.setNow(new Date(NOW.getTime() - 10 * 86_400_000))
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    app.setNow(NOW)
    const [profile] = await app.say(app.wang, '客户 张三')
    expect(profile).toContain('· 新客户：首单在10天前，共1单')
    expect(profile).toContain('预计下次购买：只下过一单，已10天')
  })
})
