/** Real-chat order forms through the router: 接龙 copies recorded once, lists without a buyer asked about, chatter silent. */
import { describe, expect, it } from 'vitest'
import { createRegionReader } from '../../src/adapters/address/region-reader.js'
import { withAgents } from '../helpers/test-app.js'

const CHAIN_1 = '#接龙 周五晚餐\n例 桃子 1份晚餐\n\n1. 桃子 2份晚餐\n2. 王阿姨 1份晚餐'
const CHAIN_2 = `${CHAIN_1}\n3. Leon 3份晚餐`

describe('orders as real agents write them', () => {
  it('records each 接龙 entry once, however often the chain is copied', async () => {
    const app = await withAgents()
    const first = await app.say(app.wang, CHAIN_1, { room: app.room })
    // No price written: the usual question, then 确认 records them with the amount to fill in later.
    expect(first[0]).toContain('金额待补')
    expect(app.store.orders.all()).toHaveLength(0)
    expect((await app.say(app.wang, '确认', { room: app.room }))[0]).toContain('已记录 2 单')
    expect(app.store.orders.all().map(o => o.lines[0]?.name)).toEqual(['晚餐', '晚餐'])
    const second = await app.say(app.wang, CHAIN_2, { room: app.room })
    expect(second[0]).toContain('Leon')
    expect(second[0]).not.toContain('桃子')
    await app.say(app.wang, '确认', { room: app.room })
    expect(app.store.orders.all()).toHaveLength(3)
    // The same copy again: nothing new, nothing said in the group.
    expect(await app.say(app.wang, CHAIN_2, { room: app.room })).toEqual([])
    expect(app.store.orders.all()).toHaveLength(3)
  })

  it('asks who a store list is for when no buyer is written, and records it once answered', async () => {
    const app = await withAgents()
    const reply = await app.say(app.wang, '韭菜20 紫菜卷15 菜脯10 咸蛋黄5', { room: app.room })
    expect(reply[0]).toContain('没有记录')
    expect(reply[0]).toContain('韭菜×20、紫菜卷×15、菜脯×10、咸蛋黄×5')
    expect(reply[0]).toContain('客户')
    expect(app.store.orders.all()).toHaveLength(0)
    const named = await app.say(app.wang, '昌岗店\n无米粿韭菜30 ，萝卜干10，竹笋10，菜头丸14', { room: app.room })
    expect(named.join('\n')).toContain('昌岗店')
    await app.say(app.wang, '确认', { room: app.room })
    const order = app.store.orders.all()[0]
    expect(order?.lines.map(l => [l.name, l.qty])).toEqual([['无米粿韭菜', 30], ['萝卜干', 10], ['竹笋', 10], ['菜头丸', 14]])
  })

  it('keeps a commission out of the customer’s amount and in the note', async () => {
    const app = await withAgents()
    await app.say(app.wang, '1.28许老师理疗198-20陈哥178', { room: app.room })
    const order = app.store.orders.all()[0]
    expect(order?.amountFen).toBe(19800)
    expect(order?.note).toContain('陈哥')
    expect(order?.note).toContain('178')
  })

  it('stays silent on chatter, check-ins and adverts in the group', async () => {
    const app = await withAgents()
    for (const text of ['今天好累啊，发了三个快递', '这款面膜多少钱一盒？', '#接龙 打卡\n1. 小明 7:20-8:45 起床，跳绳\n2. 小红 6-9 读书',
      '这款现在超级热销！\n1个 — ¥210\n2个 — ¥280（省¥140）\n✅ 正品 ✅ 快速发货'])
      expect(await app.say(app.wang, text, { room: app.room })).toEqual([])
    expect(app.store.orders.all()).toHaveLength(0)
  })

  it('learns the merchant’s own words: a customer on record is found glued to a product and on the last line', async () => {
    const app = await withAgents()
    await app.say(app.wang, '豆豆 13800138000 面膜2盒 398 已付', { room: app.room })
    const glued = await app.say(app.wang, '豆豆精华1瓶 199 已付', { room: app.room })
    expect(glued[0]).toContain('豆豆')
    expect(app.store.orders.all()[1]?.lines[0]?.name).toBe('精华')
    await app.say(app.wang, '韭菜20 萝卜干8\n豆豆', { room: app.room })
    await app.say(app.wang, '确认', { room: app.room })
    const list = app.store.orders.all()[2]
    expect(list?.customerId).toBe(app.store.orders.all()[0]?.customerId)
    expect(list?.lines.map(l => [l.name, l.qty])).toEqual([['韭菜', 20], ['萝卜干', 8]])
  })

  it('keeps the address of a shipping block with its region, and asks for the items when none are written', async () => {
    const app = await withAgents({ addresses: createRegionReader() })
    const block = '苹果 香蕉 橙子\n各3斤\n深圳市福田区福华路100号 13712345678 林小姐'
    await app.say(app.wang, block, { room: app.room })
    await app.say(app.wang, '确认', { room: app.room })
    const customer = app.store.customers.all()[0]
    expect(customer?.address).toBe('深圳市福田区福华路100号')
    expect(customer?.region).toEqual({ province: '广东省', city: '深圳市', district: '福田区' })
    expect((await app.say(app.wang, '客户 林小姐'))[0]).toContain('广东省深圳市福田区')
    const onlyAddress = await app.say(app.wang, '收货人：周强 电话：13912345678 地址：杭州市西湖区文三路12号', { room: app.room })
    expect(onlyAddress[0]).toContain('周强')
    expect(onlyAddress[0]).toContain('商品')
  })
})
