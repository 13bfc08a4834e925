/** The nightly `reclassify` job (DESIGN.md §7): the classification snapshot; it sends nothing. */
import type { Store } from '../../domain/ports.js'
import { GROUP_NAMES } from '../../domain/segment/groups.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import type { GroupName } from '../../domain/types.js'
import { classifyStore, reclassify } from '../segments/reclassify.js'
import type { Job } from './job.js'

/** `睡眠型 +2、忠诚型 +1`: where the movers went. */
function movesText(to: readonly GroupName[]): string {
  const counts = new Map<GroupName, number>()
  for (const g of to) counts.set(g, (counts.get(g) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1]).map(([g, n]) => `${GROUP_NAMES[g]} +${n}`).join('、')
}

export function reclassifyJob(store: Store, policy: ClassifyPolicy): Job {
  return {
    name: 'reclassify',
    title: '重新分类',
    aliases: ['重新分类', '分类'],
    summary: '按今天重新给每位客户分组、分层，记下谁换了分组（不发消息）',
    async run({ now, today, preview }) {
      if (preview) {
        const c = classifyStore(store, today, policy)
        const moved = c.customers.filter(x => store.segments.get(x.customerId)?.group !== x.group).map(x => x.group)
        return {
          notes: [`将按 ${today} 给 ${c.customers.length} 位客户重新分类；${moved.length > 0 ? `${moved.length} 位会换分组：${movesText(moved)}` : '没有人会换分组'}。`],
          messages: [],
        }
      }
      const r = await reclassify(store, today, policy, now)
      const moved = r.transitions.map(t => t.to)
      return {
        notes: [`已按 ${today} 给 ${r.snapshot.customers} 位客户重新分类；${moved.length > 0 ? `${moved.length} 位换了分组：${movesText(moved)}` : '没有人换分组'}。`],
        messages: [],
      }
    },
  }
}
