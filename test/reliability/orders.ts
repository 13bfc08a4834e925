/**
 * Seeded randomness and uniquely identifiable orders for the reliability tests: every order carries a
 * customer name and a phone number used by no other order of the run, so an order can be found again
 * in the chat replies (by name: phones are masked in groups) and in the database (by phone).
 */
import mt19937 from '@stdlib/random-base-mt19937'

/** Numbers in [0, 1) from a seeded Mersenne Twister (the same generator the simulations use). */
export function seededRandom(seed: number): () => number {
  const words = mt19937.factory({ seed: (seed >>> 0) || 1 })
  return () => words() / 4_294_967_296
}

/** An integer in [min, max], both included. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

// Characters that are not units, numerals, dates, payment or command words, so the parser reads the
// whole three-character run as the customer's name.
const SURNAMES = [...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华魏陶姜']
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛超秀霞平刚桂英玉兰萍红梅琳婷雪慧鹏飞宇浩欣怡佳琪晨阳']

/** The `index`th unique customer name (three characters; 30 × 40 × 40 = 48,000 of them). */
export function uniqueName(index: number): string {
  const n = GIVEN.length
  const capacity = SURNAMES.length * n * n
  if (index < 0 || index >= capacity) throw new RangeError(`name index ${index} outside 0..${capacity - 1}`)
  return `${SURNAMES[index % SURNAMES.length]}${GIVEN[Math.floor(index / SURNAMES.length) % n]}${GIVEN[Math.floor(index / SURNAMES.length / n) % n]}`
}

/** The `index`th unique mobile number: 159 followed by eight digits. */
export function uniquePhone(index: number): string {
  return `159${String(index).padStart(8, '0')}`
}

const PRODUCTS = [['面膜', '盒', 199], ['精华', '瓶', 299], ['洗面奶', '支', 69], ['眼霜', '支', 159]] as const

export interface TestOrder {
  index: number
  name: string
  phone: string
  text: string
  amountFen: number
}

/** An order the bot records at once (name, phone, item, amount and payment all given). */
export function makeOrder(index: number, random: () => number): TestOrder {
  const [product, unit, price] = pick(random, PRODUCTS)
  const qty = randomInt(random, 1, 3)
  const name = uniqueName(index)
  const phone = uniquePhone(index)
  const paid = random() < 0.7 ? '已付' : '未付'
  return { index, name, phone, text: `${name} ${phone} ${product}${qty}${unit} ${price * qty} ${paid}`, amountFen: price * qty * 100 }
}

/** The customer name a confirmation (`✅ 已记录 … #12 赵伟芳 159****0001：…`) is about, or null. */
export function confirmedName(reply: string): string | null {
  if (!reply.includes('已记录')) return null
  const m = reply.match(/#\d+ (\S+) /)
  return m ? m[1]! : null
}
