/**
 * Gaussian hypergeometric function ₂F₁(A,B;C;z) by its power series (ANALYTICS.md §4).
 * Term k+1 / term k = (A+k)(B+k)z / ((C+k)(k+1)); summed until |term| ≤ 1e−15·|sum| or 10⁴ terms.
 */

const REL_TOL = 1e-15
/** At the term cap, a sum whose last term is still above this relative size is reported as NaN. */
const CAP_TOL = 1e-10
const MAX_TERMS = 10_000

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v)
}

function ratio(A: number, B: number, C: number, z: number, k: number): number {
  return ((A + k) * (B + k) * z) / ((C + k) * (k + 1))
}

/**
 * ₂F₁(A,B;C;z) − 1, i.e. the series without its leading 1, so that callers can form log1p(₂F₁ − 1)
 * without cancellation. NaN outside −1 ≤ z ≤ 1, at a pole of C, or when maxTerms (10⁴) terms do not converge.
 */
export function hyp2f1MinusOne(A: number, B: number, C: number, z: number, maxTerms = MAX_TERMS): number {
  if (!(Math.abs(z) <= 1) || !Number.isFinite(A + B + C)) return Number.NaN
  if (isNonPositiveInteger(C) && !(isNonPositiveInteger(A) && A > C) && !(isNonPositiveInteger(B) && B > C)) return Number.NaN
  if (z === 0) return 0
  let term = 1
  let sum = 0
  for (let k = 0; k < maxTerms; k++) {
    term *= ratio(A, B, C, z, k)
    sum += term
    if (term === 0) return sum
    if (!Number.isFinite(sum)) return Number.NaN
    // Stop once the terms are negligible *and* shrinking (the ratio tends to z, |z| ≤ 1).
    if (Math.abs(term) <= REL_TOL * Math.abs(sum) && Math.abs(ratio(A, B, C, z, k + 1)) < 1) return sum
  }
  return Math.abs(term) <= CAP_TOL * Math.abs(sum) ? sum : Number.NaN
}

/** ₂F₁(A,B;C;z) for |z| ≤ 1 (z = 1 only converges when C−A−B > 0, slowly); series with term-ratio recurrence. */
export function hyp2f1(A: number, B: number, C: number, z: number): number {
  return 1 + hyp2f1MinusOne(A, B, C, z)
}

/**
 * ln ₂F₁(A,B;C;z) for A, B, C > 0 and 0 ≤ z < 1, where every term is positive: the series is summed on
 * log scale, so it neither overflows nor loses accuracy when ₂F₁ is astronomically large. NaN on failure.
 */
export function lnHyp2f1Positive(A: number, B: number, C: number, z: number): number {
  if (!(A > 0 && B > 0 && C > 0 && z >= 0 && z < 1)) return Number.NaN
  if (z === 0) return 0
  const lnZ = Math.log(z)
  let lnTerm = 0
  let lnSum = 0
  for (let k = 0; k < MAX_TERMS; k++) {
    lnTerm += Math.log(A + k) + Math.log(B + k) + lnZ - Math.log(C + k) - Math.log(k + 1)
    lnSum += Math.log1p(Math.exp(lnTerm - lnSum))
    if (lnTerm - lnSum <= Math.log(REL_TOL) && ratio(A, B, C, z, k + 1) < 1) return lnSum
  }
  return lnTerm - lnSum <= Math.log(CAP_TOL) ? lnSum : Number.NaN
}
