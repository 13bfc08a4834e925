/** The lead-grade rule on plain data: signals in what prospects say, the rule table, referral and decay. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_GRADE_TABLE, gradeProspect, signalsOf, type GradeRules, type ProspectInfo } from '../../../src/domain/customer/prospect.js'

const PRODUCTS = ['面膜', '精华液', '精华']
const rules: GradeRules = { table: DEFAULT_GRADE_TABLE, decayDays: 30, referralLift: true }
const info = (texts: string[], at = '2026-11-20T02:00:00.000Z', followUps: string[] = []): ProspectInfo => ({
  source: '朋友圈', firstContactAt: at, inquiries: texts.map(text => ({ at, text })), followUps: followUps.map(f => ({ at: f, by: '小王', note: '打了电话' })),
})
const grade = (texts: string[], over: { today?: string, referredByGood?: boolean, rules?: GradeRules, info?: ProspectInfo } = {}) =>
  gradeProspect({ info: over.info ?? info(texts), products: PRODUCTS, referredByGood: over.referredByGood ?? false, today: over.today ?? '2026-11-23', dayOf: at => at.slice(0, 10) }, over.rules ?? rules).grade

describe('signalsOf', () => {
  it.each([
    ['面膜怎么用', ['product']],
    ['要三盒面膜', ['product', 'quantity']],
    ['两瓶精华液，顺丰寄到上海', ['product', 'quantity', 'terms']],
    ['100ml的是多少钱', ['quantity', 'price']],
    ['有什么优惠吗', ['price']],
    ['在吗', []],
    ['面包好吃', []],
  ])('%s', (text, signals) => {
    expect([...signalsOf(text, PRODUCTS)].sort()).toEqual([...signals].sort())
  })
})

describe('gradeProspect', () => {
  it.each([
    ['product, quantity and terms: A', ['想要面膜两盒', '包邮吗'], 'A'],
    ['product and quantity, no terms: B', ['面膜要两盒'], 'B'],
    ['a product question: B', ['精华适合干皮吗'], 'B'],
    ['price only: C', ['多少钱'], 'C'],
    ['nothing asked: C', [], 'C'],
    ['terms and quantity without a product: C', ['两盒，包邮吗'], 'C'],
  ])('%s', (_, texts, g) => {
    expect(grade(texts)).toBe(g)
  })

  it('a referral from a good customer lifts one grade, never above A', () => {
    expect(grade(['多少钱'], { referredByGood: true })).toBe('B')
    expect(grade(['精华适合干皮吗'], { referredByGood: true })).toBe('A')
    expect(grade(['想要面膜两盒', '包邮吗'], { referredByGood: true })).toBe('A')
    expect(grade(['多少钱'], { referredByGood: true, rules: { ...rules, referralLift: false } })).toBe('C')
  })

  it('drops one grade after decayDays without a word or a follow-up; a follow-up resets the clock', () => {
    expect(grade(['精华适合干皮吗'], { today: '2026-12-19' })).toBe('B')
    expect(grade(['精华适合干皮吗'], { today: '2026-12-20' })).toBe('C')
    expect(grade([], { today: '2026-12-20', info: info(['精华适合干皮吗'], '2026-11-20T02:00:00.000Z', ['2026-12-10T02:00:00.000Z']) })).toBe('B')
    expect(grade(['多少钱'], { today: '2027-06-01' })).toBe('C')
  })

  it('follows a merchant\'s own table: the first row whose signals all appear', () => {
    const strict: GradeRules = { ...rules, table: [{ grade: 'A', needs: ['product', 'terms'] }, { grade: 'B', needs: ['price'] }, { grade: 'C', needs: [] }] }
    expect(grade(['面膜包邮吗'], { rules: strict })).toBe('A')
    expect(grade(['多少钱'], { rules: strict })).toBe('B')
    expect(grade(['面膜怎么用'], { rules: strict })).toBe('C')
  })
})
