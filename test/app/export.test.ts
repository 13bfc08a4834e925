/** 导出 through the front door: the file says what the chat says, and counts whom the merchant counts. */
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { withAgents } from '../helpers/test-app.js'

type App = Awaited<ReturnType<typeof withAgents>>

/** The rows of the last exported file, keyed by column name. */
function lastExport(app: App): Record<string, string>[] {
  const text = new TextDecoder().decode(app.chat.files.at(-1)!.bytes)
  return parse(text, { bom: true, columns: true }) as Record<string, string>[]
}

/** `未付：¥496（其中货到付款待收 ¥199）· 预收款 ¥2` → [49600, 200] in fen. */
function owedLine(profile: string): [number, number] {
  const line = profile.split('\n').find(l => l.startsWith('未付：'))!
  const fen = (m: RegExpMatchArray | null): number => m ? Math.round(Number(m[1]!.replace(/,/g, '')) * 100) : 0
  return [fen(line.match(/^未付：¥([\d,.]+)/)), fen(line.match(/预收款 ¥([\d,.]+)/))]
}

const fen = (yuan: string): number => Math.round(Number(yuan) * 100)

describe('导出 and 客户 show the same money figures', () => {
  it('for a customer with paid, unpaid, cod, deposit and unstated orders, a refund and a 收款 beyond what was owed', async () => {
    const app = await withAgents()
    for (const order of [
      '张三 13800138000 面膜2盒 398 已付',
      '张三 精华1瓶 199 未付',
      '张三 面霜1瓶 300 货到付款',
      '张三 口红1支 500 定金100',
      '张三 面膜1盒 199',
      '退款 张三 100',
    ]) expect((await app.say(app.wang, order))[0]).toMatch(/^✅/)

    const check = async (expected: [number, number]): Promise<void> => {
      const profile = (await app.say(app.wang, '客户 张三'))[0]!
      expect(owedLine(profile)).toEqual(expected)
      await app.say(app.wang, '导出')
      const [row] = lastExport(app)
      expect([fen(row!['未付(元)']!), fen(row!['预收款(元)']!)]).toEqual(expected)
      // The money the customer bought for, as 客户 says it.
      const spent = profile.match(/累计消费 ¥([\d,]+)（(\d+)单）/)!
      expect([fen(row!['累计消费(元)']!), row!['订单数']]).toEqual([Number(spent[1]!.replace(/,/g, '')) * 100, spent[2]])
    }
    await check([89900, 0])

    const paid = await app.say(app.wang, '收款 张三 1100')
    expect(paid[0]).toMatch(/记为预收款/)
    await check([0, 10200])

    // A prepayment is spent on later orders; 货到付款 still owes until it is collected; an order that
    // says nothing about payment owes nothing.
    for (const order of ['张三 面膜1盒 299 未付', '张三 面霜1瓶 300 货到付款', '张三 精华1瓶 199'])
      await app.say(app.wang, order)
    const profile = (await app.say(app.wang, '客户 张三'))[0]!
    expect(profile).toContain('未付：¥497（其中货到付款待收 ¥300）')
    await check([49700, 0])
  })

  it('adds the spend of the year, profit with how it was estimated, 微信, last items, 需要跟进 and probabilities in %', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    await app.say(app.boss, '导出')
    const [row] = lastExport(app)
    expect(row).toMatchObject({
      '姓名': '张三',
      '微信': '未绑定',
      '代理': '小王',
      '近一年消费(元)': '398.00',
      '近一年利润(元)': '398.00',
      '利润说明': '商品成本未录入，按消费额估算',
      '最近一单商品': '面膜×2盒',
      '需要跟进': '否',
    })
    expect(row!['仍活跃概率']).toMatch(/^$|^\d{1,3}\.\d%$/)
  })
})

describe('an undone order leaves no customer behind', () => {
  it('is not a row of 导出 nor a customer in 代理 列表 or 概览, and 客户 still finds the record', async () => {
    const app = await withAgents()
    await app.say(app.wang, '李四 13900139000 面膜1盒 199 已付')
    await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付')
    expect((await app.say(app.boss, '代理 列表'))[0]).toContain('· 小王：客户 2 位，订单 2 单')
    expect((await app.say(app.wang, '撤销'))[0]).toMatch(/^↩️ 已撤销/)

    await app.say(app.wang, '导出')
    expect(lastExport(app).map(r => r['姓名'])).toEqual(['李四'])
    expect((await app.say(app.wang, '导出'))[0]).toBe('📎 客户表：1 位客户')
    await app.say(app.boss, '导出')
    expect(lastExport(app).map(r => r['姓名'])).toEqual(['李四'])
    expect((await app.say(app.boss, '代理 列表'))[0]).toContain('· 小王：客户 1 位，订单 1 单')
    expect((await app.say(app.boss, '概览'))[0]).toContain('共 1 位客户')
    expect((await app.say(app.wang, '客户 张三'))[0]).toContain('还没有有效订单')
  })

  it('leaves the customer out as soon as their only order is moved to someone else', async () => {
    const app = await withAgents()
    await app.say(app.wang, '张三 面膜2盒 398 已付')
    await app.say(app.wang, '改 上一单 客户 张山')
    await app.say(app.wang, '导出')
    expect(lastExport(app).map(r => r['姓名'])).toEqual(['张山'])
    expect((await app.say(app.boss, '代理 列表'))[0]).toContain('· 小王：客户 1 位，订单 1 单')
  })
})
