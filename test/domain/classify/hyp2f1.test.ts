import { describe, expect, test } from 'vitest'
import { hyp2f1, hyp2f1MinusOne, lnHyp2f1Positive } from '../../../src/domain/classify/hyp2f1.js'

const closeTo = (actual: number, expected: number, rel = 1e-13): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)))
}

// Closed forms: Abramowitz & Stegun 15.1.3–15.1.8 and the binomial series.
const cases: Array<[string, number, number, number, number, number]> = [
  ['2F1(1,1;2;z) = −ln(1−z)/z', 1, 1, 2, 0.3, -Math.log(1 - 0.3) / 0.3],
  ['2F1(1,1;2;z) near 1', 1, 1, 2, 0.95, -Math.log(1 - 0.95) / 0.95],
  ['2F1(1,1;2;−z) = ln(1+z)/z', 1, 1, 2, -0.5, Math.log(1.5) / 0.5],
  ['2F1(a,b;b;z) = (1−z)^−a', 0.793, 2.426, 2.426, 0.7, (1 - 0.7) ** -0.793],
  ['2F1(a,b;b;z), negative a', -1.7, 5.2, 5.2, 0.4, (1 - 0.4) ** 1.7],
  ['2F1(1/2,1;3/2;z²) = atanh(z)/z', 0.5, 1, 1.5, 0.36, Math.atanh(0.6) / 0.6],
  ['2F1(1/2,1/2;3/2;z²) = asin(z)/z', 0.5, 0.5, 1.5, 0.25, Math.asin(0.5) / 0.5],
  ['2F1(1/2,1;3/2;−z²) = atan(z)/z', 0.5, 1, 1.5, -0.64, Math.atan(0.8) / 0.8],
  ['terminating: 2F1(−2,b;c;z) polynomial', -2, 3, 4, 0.5, 1 - (2 * 3 / 4) * 0.5 + ((2 * 1 * 3 * 4) / (4 * 5 * 2)) * 0.25],
  ['z = 0', 3.3, 4.4, 5.5, 0, 1],
  // Gauss: 2F1(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)); Γ(5)Γ(4)/Γ(9/2)², Γ(9/2) = (105/16)√π.
  ['Gauss sum at z = 1', 0.5, 0.5, 5, 1, (24 * 6) / ((105 / 16) ** 2 * Math.PI)],
]

describe('hyp2f1', () => {
  test.each(cases)('%s', (_name, a, b, c, z, expected) => {
    closeTo(hyp2f1(a, b, c, z), expected, z === 1 ? 1e-8 : 1e-13)
  })

  test('hyp2f1MinusOne keeps relative accuracy for tiny z', () => {
    const z = 1e-12
    // 2F1(1,1;2;z) − 1 = z/2 + z²/3 + …
    closeTo(hyp2f1MinusOne(1, 1, 2, z) / z, 0.5 + z / 3, 1e-15)
  })

  test.each([
    ['|z| > 1', 1, 1, 2, 1.5],
    ['pole at C = −2', 1, 1, -2, 0.5],
    ['non-finite parameter', Number.NaN, 1, 2, 0.5],
  ])('NaN outside the domain: %s', (_name, a, b, c, z) => {
    expect(hyp2f1(a, b, c, z)).toBeNaN()
  })

  test.each([
    [0.5, 3, 30, 80, 0.43],
    [0.243, 50, 0.793, 2.426, 0.95],
    [2, 0, 3, 4, 0.2],
  ])('lnHyp2f1Positive obeys Euler: ln[(1−z)^{r+x} F(r+x,b+x;c;z)] = ln[(1−z)^{a−1} F(a+b−1−r,a−1;c;z)] (r=%s, x=%s, a=%s, b=%s, z=%s)', (r, x, a, b, z) => {
    const c = a + b + x - 1
    const direct = lnHyp2f1Positive(r + x, b + x, c, z) + (r + x) * Math.log1p(-z)
    const euler = (a - 1) * Math.log1p(-z) + Math.log(hyp2f1(a + b - 1 - r, a - 1, c, z))
    expect(Math.abs(direct - euler)).toBeLessThan(1e-12)
  })

  test('lnHyp2f1Positive stays finite where ₂F₁ overflows a double', () => {
    // 2F1(a,b;b;z) = (1−z)^−a, so ln = −a·ln(1−z) = 2000·ln 2 ≈ 1386 > ln(MAX_VALUE) ≈ 709.8.
    expect(lnHyp2f1Positive(2000, 3, 3, 0.5)).toBeCloseTo(2000 * Math.LN2, 9)
  })

  test('reports NaN when 10⁴ terms do not converge', () => {
    expect(hyp2f1(1e8, 1e8, 1, 0.5)).toBeNaN()
  })
})
