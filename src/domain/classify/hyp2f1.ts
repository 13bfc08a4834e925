/**
 * Gaussian hypergeometric function ₂F₁(A,B;C;z) by its power series (ANALYTICS.md §4).
 * Term k+1 / term k = (A+k)(B+k)z / ((C+k)(k+1)); summed until |term| ≤ 1e−15·|sum| or 10⁴ terms.
 */

const REL_TOL = 1e-15
const MAX_TERMS = 10_000

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v)
}

/**
 * ₂F₁(A,B;C;z) − 1, i.e. the series without its leading 1, so that callers can form
 * log1p(₂F₁ − 1) without cancellation. NaN outside −1 ≤ z ≤ 1 or when C is a pole.
 */
export function hyp2f1MinusOne(A: number, B: number, C: number, z: number): number {
  if (!(Math.abs(z) <= 1) || !Number.isFinite(A + B + C)) return Number.NaN
  if (isNonPositiveInteger(C) && !(isNonPositiveInteger(A) && A > C) && !(isNonPositiveInteger(B) && B > C)) return Number.NaN
  if (z === 0) return 0
  let term = 1
  let sum = 0
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= ((A + k) * (B + k) * z) / ((C + k) * (k + 1))
    sum += term
    if (term === 0) break
    // Stop once the terms are negligible *and* shrinking (the ratio tends to z, |z| ≤ 1).
    if (Math.abs(term) <= REL_TOL * Math.abs(sum) && Math.abs(((A + k + 1) * (B + k + 1) * z) / ((C + k + 1) * (k + 2))) < 1) break
  }
  return sum
}

/** ₂F₁(A,B;C;z) for |z| ≤ 1 (z = 1 only converges when C−A−B > 0, slowly); series with term-ratio recurrence. */
export function hyp2f1(A: number, B: number, C: number, z: number): number {
  return 1 + hyp2f1MinusOne(A, B, C, z)
}
