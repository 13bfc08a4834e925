import { describe, expect, test } from 'vitest'
import type { Objective } from '../../../src/domain/classify/lbfgs.js'
import { minimize } from '../../../src/domain/classify/lbfgs.js'

const rosenbrock: Objective = ([x = 0, y = 0]) => ({
  value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
})

/** Ill-conditioned quadrature ½ Σ c_i (x_i − i)², condition number 1e6. */
const quadratic: Objective = (x) => {
  const c = x.map((_, i) => 10 ** (i * 1.5))
  return {
    value: x.reduce((s, xi, i) => s + 0.5 * (c[i] as number) * (xi - i) ** 2, 0),
    gradient: x.map((xi, i) => (c[i] as number) * (xi - i)),
  }
}

describe('minimize (L-BFGS)', () => {
  test.each<[string, Objective, number[], number[]]>([
    ['Rosenbrock from (−1.2, 1)', rosenbrock, [-1.2, 1], [1, 1]],
    ['Rosenbrock from (3, −2)', rosenbrock, [3, -2], [1, 1]],
    ['ill-conditioned quadratic', quadratic, [5, 5, 5, 5, 5], [0, 1, 2, 3, 4]],
  ])('%s', (_name, f, x0, optimum) => {
    const result = minimize(f, x0, { gradTol: 1e-9, maxIterations: 500 })
    expect(result.converged).toBe(true)
    expect(result.gradNorm).toBeLessThanOrEqual(1e-9)
    result.x.forEach((v, i) => expect(v).toBeCloseTo(optimum[i] as number, 6))
  })

  test('respects box bounds and converges on the projected gradient', () => {
    const result = minimize(rosenbrock, [0, 0], { lower: [-2, -2], upper: [0.5, 2], gradTol: 1e-9 })
    expect(result.converged).toBe(true)
    expect(result.x[0]).toBe(0.5)
    expect(result.x[1]).toBeCloseTo(0.25, 6)
  })

  test('clamps the start into the box', () => {
    const result = minimize(quadratic, [50, 50], { lower: [-1, -1], upper: [10, 10] })
    expect(result.x[0]).toBeCloseTo(0, 6)
    expect(result.x[1]).toBeCloseTo(1, 6)
  })

  test('stops at maxIterations without claiming convergence', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 3 })
    expect(result.iterations).toBe(3)
    expect(result.converged).toBe(false)
  })

  test('backs off from a region where the function is not finite', () => {
    const logBarrier: Objective = ([x = 0]) => ({ value: x > 0 ? x - Math.log(x) : Number.NaN, gradient: [1 - 1 / x] })
    const result = minimize(logBarrier, [0.01], { gradTol: 1e-10 })
    expect(result.converged).toBe(true)
    expect(result.x[0]).toBeCloseTo(1, 8)
  })

  test('returns at once when the start is not finite', () => {
    const result = minimize(() => ({ value: Number.NaN, gradient: [0] }), [1])
    expect(result.converged).toBe(false)
    expect(result.iterations).toBe(0)
  })
})
