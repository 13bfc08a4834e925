/** The benchmark cases. Later tasks add parse/ingest/latency/storage figures here. */
import { classifyCustomers } from '../src/domain/segment/classify.js'
import { DEFAULT_POLICY } from '../src/domain/segment/policy.js'
import { simulateMerchant } from '../src/sim/dormancy-eval.js'
import { defineCase, type BenchCase } from './harness.js'

/** The as-of date simulateMerchant builds its histories for (its AS_OF constant). */
const AS_OF = '2026-06-30'

/** ~10 orders per customer: λ ~ Gamma(2, 25 days), p ~ Beta(0.6, 8); 100k customers give ~1.01M orders. */
const MERCHANT_PARAMS = { r: 2, alpha: 25, a: 0.6, b: 8 }

function merchant(n: number): ReturnType<typeof simulateMerchant>['histories'] {
  return simulateMerchant({ name: `bench-${n}`, params: MERCHANT_PARAMS, n, seed: 1 }).histories
}

function classifyCase(name: string, n: number, label: string, quick: boolean, warmup: number, runs: number, target?: number): BenchCase {
  return defineCase({
    name,
    description: `classifyCustomers, ${label}`,
    ...(target === undefined ? {} : { target }),
    quick,
    warmup,
    runs,
    setup: () => merchant(n),
    run: histories => classifyCustomers(histories, AS_OF, DEFAULT_POLICY),
  })
}

export const CASES: readonly BenchCase[] = [
  classifyCase('classify_10k_s', 10_000, '10k customers / ~100k orders', true, 2, 5),
  classifyCase('classify_100k_s', 100_000, '100k customers / ~1M orders', false, 1, 5, 2),
]
