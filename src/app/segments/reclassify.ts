/**
 * The nightly reclassify use case: classify every customer, store each one's segment, record who
 * moved between groups today, and keep a merchant-wide snapshot of the counts.
 */
import type { Store } from '../../domain/ports.js'
import { classifyCustomers, type Classification } from '../../domain/segment/classify.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import type { Grade, GroupName, SnapshotMeta, Transition } from '../../domain/types.js'

/** Classification of everything in the store as of `asOf` (YYYY-MM-DD); reads only. */
export function classifyStore(store: Store, asOf: string, policy: ClassifyPolicy): Classification {
  const histories = store.customers.all().map(c => ({ id: c.id, orders: store.orders.ofCustomer(c.id), payments: store.payments.ofCustomer(c.id) }))
  return classifyCustomers(histories, asOf, policy)
}

export interface ReclassifyResult {
  classification: Classification
  transitions: Transition[]
  snapshot: SnapshotMeta
}

/** How many snapshots to keep (one per run; a bit over a year of nightly runs). */
const SNAPSHOTS_KEPT = 400

export async function reclassify(store: Store, asOf: string, policy: ClassifyPolicy, now: Date): Promise<ReclassifyResult> {
  const classification = classifyStore(store, asOf, policy)
  const transitions: Transition[] = []
  const groups: Record<GroupName, number> = { loyal: 0, fast_growing: 0, dormant: 0, nurture: 0 }
  const tiers: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 }
  for (const c of classification.customers) {
    groups[c.group]++
    tiers[c.tier]++
    const before = store.segments.get(c.customerId)
    const moved = before?.group !== c.group
    if (moved) {
      const t: Transition = { on: asOf, customerId: c.customerId, from: before?.group ?? null, to: c.group }
      store.transitions.add(t)
      transitions.push(t)
    }
    store.segments.put({
      customerId: c.customerId,
      group: c.group,
      tier: c.tier,
      credit: c.credit,
      atRisk: c.atRisk,
      pAlive: c.pAlive,
      expected90: c.expectedPurchases,
      since: moved || !before ? asOf : before.since,
      asOf,
      reasons: c.reasons,
    })
  }
  const snapshot: SnapshotMeta = { asOf, ranAt: now.toISOString(), method: classification.models.method, customers: classification.customers.length, groups, tiers }
  store.snapshots.add(snapshot)
  store.snapshots.keepLast(SNAPSHOTS_KEPT)
  await store.commit()
  return { classification, transitions, snapshot }
}
