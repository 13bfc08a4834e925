/**
 * A realistic small merchant for demos and tests: agents, customers with Chinese names and phones, and
 * two years of orders drawn from the BG/NBD process (several kinds of buyers), with products and costs,
 * some unpaid orders, and a few customers whose spending picked up lately; tags, a few businesses,
 * referrals, and prospects who have not ordered yet.
 */
import mt19937 from '@stdlib/random-base-mt19937'
import type { BgnbdParams } from '../domain/classify/bgnbd.js'
import { dateOfDay, dayNumber } from '../domain/calendar.js'
import type { Store } from '../domain/ports.js'
import type { Customer, GroupName, Order } from '../domain/types.js'
import { simulateBgnbd } from './generate.js'

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = ['丽', '芳', '娜', '敏', '静', '燕', '艳', '娟', '霞', '婷', '雪', '慧', '玲', '琳', '倩', '洁', '颖', '晶', '欣', '悦', '梅', '兰', '红', '萍', '姐', '阿姨', '老师', '总']
const PRODUCTS = [
  { name: '面膜', unit: '盒', price: 99, cost: 38 },
  { name: '精华', unit: '瓶', price: 199, cost: 72 },
  { name: '洗面奶', unit: '支', price: 69, cost: 22 },
  { name: '面霜', unit: '瓶', price: 259, cost: 95 },
  { name: '防晒', unit: '支', price: 129, cost: 45 },
  { name: '护肤套装', unit: '套', price: 599, cost: 230 },
]
/** Kinds of buyers (days): regulars, occasional, quick to leave, slow and steady. */
const KINDS: { share: number, params: BgnbdParams }[] = [
  { share: 0.3, params: { r: 2, alpha: 60, a: 0.6, b: 8 } },
  { share: 0.3, params: { r: 0.6, alpha: 60, a: 0.8, b: 3 } },
  { share: 0.2, params: { r: 1, alpha: 30, a: 1.5, b: 2 } },
  { share: 0.2, params: { r: 1.5, alpha: 120, a: 0.6, b: 5 } },
]
const AGENTS = ['小王', '小李', '小张']

export interface DemoReport { agents: number, customers: number, orders: number, prospects: number }

const TAGS = ['注重品质', '价格敏感', '宝妈', '上班族', '喜欢新品', '送礼', '敏感肌', '学生']
const SHOP_ENDINGS = ['美容院', '工作室', '便利店', '母婴馆']
/** Where the demo's customers live (province, city, district, a street), most of them near the merchant. */
const PLACES: [string, string, string, string][] = [
  ['广东省', '深圳市', '南山区', '科技园路'], ['广东省', '深圳市', '福田区', '华强北路'], ['广东省', '广州市', '天河区', '体育西路'],
  ['广东省', '东莞市', '南城街道', '鸿福路'], ['浙江省', '杭州市', '西湖区', '文三路'], ['上海市', '上海市', '浦东新区', '张杨路'],
  ['江苏省', '南京市', '鼓楼区', '中山北路'], ['四川省', '成都市', '武侯区', '人民南路'], ['湖南省', '长沙市', '岳麓区', '麓山路'],
  ['北京市', '北京市', '朝阳区', '建国路'], ['福建省', '厦门市', '思明区', '湖滨南路'], ['湖北省', '武汉市', '洪山区', '珞喻路'],
]
const SOURCES = ['朋友圈', '群', '转介绍', '扫码', '展会', '搜索'] as const
/** What prospects ask, from a concrete need (A) to the price only (C). */
const INQUIRIES = [
  '想要面膜两盒，包邮吗', '精华要一瓶，顺丰寄到杭州', '护肤套装怎么付款，可以货到付款吗',
  '面霜适合干皮吗', '防晒能用在脸上吗', '洗面奶敏感肌能用吗', '精华和面霜先用哪个',
  '多少钱', '有优惠吗', '在吗',
]

/** Writes the demo merchant into an empty store (call commit afterwards). */
export function seedDemo(store: Store, options: { today: string, customers: number, seed: number }): DemoReport {
  const words = mt19937.factory({ seed: options.seed })
  const rand = (): number => words() / 4_294_967_296
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const at = `${options.today}T02:00:00.000Z`
  const todayDay = dayNumber(options.today)
  for (const name of AGENTS) store.agents.add({ id: `a${store.nextSeq('agent')}`, name, contactId: null, addedAt: at, active: true })
  const agents = store.agents.all()
  const names = new Set<string>()
  let orders = 0
  let made = 0
  const sold = new Map<string, number>()
  for (const [k, kind] of KINDS.entries()) {
    const n = Math.round(options.customers * kind.share)
    for (const sim of simulateBgnbd({ n, params: kind.params, maxT: 730, horizon: 0, seed: options.seed + k })) {
      let name = `${pick([...SURNAMES])}${pick(GIVEN)}`
      while (names.has(name)) name = `${pick([...SURNAMES])}${pick(GIVEN)}${pick(GIVEN)}`
      names.add(name)
      const agent = pick(agents)
      const customer: Customer = {
        id: `c${store.nextSeq('customer')}`, agentId: agent.id, name, aliases: [], phone: `1${pick(['38', '39', '58', '86', '77', '35'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        address: null, externalId: null, contactId: null, tags: [], source: pick(['转介绍', '朋友圈', '展会', '老客户']),
        createdAt: at, optedOut: false, notes: null,
      }
      if (store.customers.byPhone(customer.phone!)) customer.phone = null
      store.customers.add(customer)
      made++
      const first = todayDay - Math.floor(sim.T)
      const days = sim.purchases.filter(p => p.t <= sim.T).map(p => first + Math.floor(p.t))
      // Some regulars have been buying more, and bigger, lately.
      const growing = k === 0 && rand() < 0.25 && sim.alive && sim.T > 200
      if (growing) days.push(todayDay - 40, todayDay - 12)
      for (const day of days) {
        const product = growing && day > todayDay - 60 ? PRODUCTS[5]! : pick(PRODUCTS)
        const qty = 1 + Math.floor(rand() * (growing && day > todayDay - 60 ? 3 : 2))
        const amountFen = product.price * qty * 100
        const recent = todayDay - day < 60
        const payment = recent && rand() < 0.15 ? 'unpaid' : 'paid'
        const seq = store.nextSeq('order')
        const order: Order = {
          id: `o${seq}`, no: seq, sourceMessageId: `demo:${seq}`, recordedBy: agent.contactId ?? agent.id, agentId: agent.id, customerId: customer.id,
          placedOn: dateOfDay(day), recordedAt: at,
          lines: [{ name: product.name, qty, unit: product.unit, unitPriceFen: product.price * 100, amountFen, spec: null, costFen: product.cost * 100, shareFen: amountFen }],
          amountFen, costFen: product.cost * qty * 100, payment, paidFen: payment === 'paid' ? amountFen : 0,
          dueOn: null, status: 'active', refundedFen: 0, note: null,
        }
        store.orders.add(order)
        sold.set(product.name, (sold.get(product.name) ?? 0) + 1)
        orders++
      }
    }
  }
  // The merchant's catalogue, with the prices and costs the orders were recorded with.
  for (const p of PRODUCTS) {
    store.products.add({
      id: `p${store.nextSeq('product')}`, name: p.name, aliases: [], unit: p.unit, priceFen: p.price * 100, seenPricesFen: [p.price * 100],
      costFen: p.cost * 100, lines: sold.get(p.name) ?? 0, createdAt: at, updatedAt: at,
    })
  }
  return { agents: agents.length, customers: made, orders, prospects: seedPeople(store, options) }
}

/**
 * What a merchant knows beyond the orders: tags, a few businesses among the customers, who brought
 * whom, and prospects who asked but have not ordered yet — from a random stream of its own, so the
 * orders above stay what they were.
 */
function seedPeople(store: Store, options: { today: string, customers: number, seed: number }): number {
  const words = mt19937.factory({ seed: options.seed + 7919 })
  const rand = (): number => words() / 4_294_967_296
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const todayDay = dayNumber(options.today)
  const instant = (daysAgo: number, hour: number): string => `${dateOfDay(todayDay - daysAgo)}T${String(hour).padStart(2, '0')}:00:00.000Z`
  const buyers = store.customers.all()
  buyers.forEach((c, i) => {
    let next: Customer = c
    if (rand() < 0.4) next = { ...next, tags: [...new Set([pick(TAGS), ...(rand() < 0.3 ? [pick(TAGS)] : [])])] }
    if (rand() < 0.04) next = { ...next, name: `${c.name}${pick(SHOP_ENDINGS)}` }
    if (rand() < 0.7) {
      const [province, city, district, street] = pick(PLACES)
      next = { ...next, address: `${province === city ? '' : province}${city}${district}${street}${1 + Math.floor(rand() * 300)}号`, region: { province, city, district } }
    }
    // An earlier customer brought this one: earlier only, so nobody is their own referrer's referrer.
    if (i > 10 && rand() < 0.15) next = { ...next, referredBy: buyers[Math.floor(rand() * (i - 1))]!.id, source: '转介绍' }
    if (next !== c) store.customers.update(next)
  })
  const agents = store.agents.all()
  const count = Math.max(6, Math.round(options.customers / 18))
  for (let k = 0; k < count; k++) {
    const id = `c${store.nextSeq('customer')}`
    const first = Math.floor(rand() * 45)
    const inquiries = Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, j) => ({ at: instant(Math.max(0, first - j * 2), 3 + j), text: pick(INQUIRIES) }))
    // A few are the merchant's own, waiting to be handed to an agent.
    const agent = k % 7 === 6 ? null : pick(agents)
    const followUps = agent && rand() < 0.4 ? [{ at: instant(Math.max(0, first - 5), 8), by: agent.name, note: '发了产品介绍和价格表' }] : []
    let name = `${pick([...SURNAMES])}${pick(['姐', '女士', '小姐', '先生', '老师'])}`
    while (store.customers.named(name).length > 0) name = `${pick([...SURNAMES])}${pick(GIVEN)}${pick(['姐', '女士', '小姐'])}`
    const phone = `1${pick(['36', '37', '87', '88'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`
    const source = pick(SOURCES)
    store.customers.add({
      id, agentId: agent?.id ?? null, name, aliases: [], phone: store.customers.byPhone(phone) ? null : phone,
      address: null, externalId: null, contactId: null, tags: [], source, createdAt: instant(first, 2), optedOut: false, notes: null,
      prospect: { source, firstContactAt: instant(first, 2), inquiries, followUps },
    })
  }
  return count
}

/** How many customers of each group are WeChat contacts of the bot account in the demo. */
const LINKED: Record<GroupName, number> = { loyal: 8, fast_growing: 4, nurture: 4, dormant: 12 }
/** Of the linked loyal customers, how many are already in the VIP room. */
const IN_VIP_ROOM = 2

export interface DemoContacts {
  /** Customers who are WeChat contacts of the bot account. */
  linked: string[]
  /** Linked loyal customers who are already in the VIP room. */
  inVipRoom: string[]
}

/**
 * Which customers of the classified demo merchant are WeChat contacts of the bot account — some of
 * every group, spread over each group's list rather than its top — and which loyal ones are already
 * in the VIP room, so that reactivation, invitations and perks have someone to reach.
 */
export function demoContacts(classified: readonly { customerId: string, group: GroupName }[]): DemoContacts {
  const linked: string[] = []
  const inVipRoom: string[] = []
  for (const [group, n] of Object.entries(LINKED) as [GroupName, number][]) {
    const ids = classified.filter(c => c.group === group).map(c => c.customerId)
    const k = Math.min(n, ids.length)
    const picked = Array.from({ length: k }, (_, i) => ids[Math.floor(i * ids.length / k)]!)
    linked.push(...picked)
    if (group === 'loyal') inVipRoom.push(...picked.slice(0, IN_VIP_ROOM))
  }
  return { linked, inVipRoom }
}
