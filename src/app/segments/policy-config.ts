/** The `classify` section of the configuration: every threshold optional, checked, merged over the defaults. */
import { z } from 'zod'
import { DEFAULT_POLICY, type ClassifyPolicy } from '../../domain/segment/policy.js'

const share = z.number().min(0).max(1)
const prob = z.number().min(0).max(1)
const days = z.number().int().min(1).max(3650)
const fen = z.number().int().min(0)

export const classifyConfigSchema = z.strictObject({
  window: days.optional(),
  horizon: days.optional(),
  newDays: days.optional(),
  dormant: z.strictObject({
    pAlive: prob.optional(),
    silenceRatio: z.number().min(1).max(20).optional(),
    minSilenceDays: days.optional(),
    silenceMaxPAlive: prob.optional(),
    oneOrderDays: days.optional(),
    minExpected: z.number().min(0).max(10).optional(),
  }).optional(),
  fast: z.strictObject({ pAlive: prob.optional(), growth: z.number().min(1).max(20).optional() }).optional(),
  loyal: z.strictObject({ pAlive: prob.optional(), minFScore: z.number().int().min(1).max(5).optional() }).optional(),
  atRisk: z.strictObject({ low: prob.optional(), high: prob.optional() }).optional(),
  cadenceShrink: z.number().min(0).max(50).optional(),
  tiers: z.strictObject({
    weights: z.strictObject({ spend: share.optional(), profit: share.optional(), credit: share.optional(), prospects: share.optional() }).optional(),
    shares: z.tuple([share, share, share]).refine(s => s[0] + s[1] + s[2] <= 1, 'A、B、C 三档占比之和不能超过 1').optional(),
    absoluteBelow: z.number().int().min(0).max(100_000).optional(),
    absoluteFen: z.tuple([fen, fen, fen]).refine(t => t[0] >= t[1] && t[1] >= t[2], '需要从高到低，如 [500000, 200000, 50000]').optional(),
  }).optional(),
  creditDays: days.optional(),
}).refine(c => (c.atRisk?.low ?? DEFAULT_POLICY.atRisk.low) < (c.atRisk?.high ?? DEFAULT_POLICY.atRisk.high), { message: 'atRisk.low 必须小于 atRisk.high', path: ['atRisk'] })

export type ClassifyConfig = z.infer<typeof classifyConfigSchema>

/** The defaults with the configured thresholds laid over them. */
export function toPolicy(c: ClassifyConfig = {}): ClassifyPolicy {
  const d = DEFAULT_POLICY
  return {
    window: c.window ?? d.window,
    horizon: c.horizon ?? d.horizon,
    newDays: c.newDays ?? d.newDays,
    dormant: { ...d.dormant, ...c.dormant },
    fast: { ...d.fast, ...c.fast },
    loyal: { ...d.loyal, ...c.loyal },
    atRisk: { ...d.atRisk, ...c.atRisk },
    cadenceShrink: c.cadenceShrink ?? d.cadenceShrink,
    tiers: {
      weights: { ...d.tiers.weights, ...c.tiers?.weights },
      shares: c.tiers?.shares ?? d.tiers.shares,
      absoluteBelow: c.tiers?.absoluteBelow ?? d.tiers.absoluteBelow,
      absoluteFen: c.tiers?.absoluteFen ?? d.tiers.absoluteFen,
    },
    creditDays: c.creditDays ?? d.creditDays,
  }
}
