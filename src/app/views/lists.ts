/** 睡眠客户 / 忠诚客户 / 成长客户 / 培养客户 [页码]: one group, ten to a page, the reason beside each name. */
import { regionMatches } from '../../domain/customer/region.js'
import { GROUP_NAMES, type Group } from '../../domain/segment/groups.js'
import { compareByValue } from '../../domain/segment/value-order.js'
import type { MessageContext } from '../context.js'
import { PAGE_SIZE } from './page.js'
import { methodNote } from './profile.js'
import { agentSuffix, visibleClasses } from './scope.js'


/** How each list is ordered: the customers to act on first come first. */
const ORDER: Record<Group, string> = {
  dormant: '按价值排序：先价值档，再近一年消费，先唤醒价值高的',
  loyal: '按价值排序：先价值档，再近一年消费',
  fast_growing: '按增长倍数排序',
  nurture: '按价值排序：先价值档，再近一年消费',
}

export function groupListText(ctx: MessageContext, group: Group, page: number, command: string, region: string | null = null): string {
  const members = visibleClasses(ctx).filter(v => v.c.group === group && (region === null || regionMatches(v.customer.region, region)))
  if (group === 'fast_growing') members.sort((a, b) => (b.c.growth ?? 0) - (a.c.growth ?? 0) || compareByValue(a.c, b.c))
  else members.sort((a, b) => compareByValue(a.c, b.c))
  const title = `${GROUP_NAMES[group]}客户${region === null ? '' : `（${region}）`}`
  if (members.length === 0) return `${title}：暂时没有。${region === null ? '' : '（地区按报单里写的地址算）'}`
  const pages = Math.ceil(members.length / PAGE_SIZE)
  if (page > pages) return `${title}只有 ${pages} 页。`
  const slice = members.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const lines = [`${title} ${members.length} 位（${ORDER[group]}）`]
  slice.forEach((v, i) => lines.push(`${(page - 1) * PAGE_SIZE + i + 1}. ${v.customer.name}${agentSuffix(ctx, v.customer)} ${v.c.tier}级 · ${v.c.reasons[0] ?? ''}`))
  lines.push(page < pages ? `第${page}/${pages}页，发“${command}${region === null ? '' : ` ${region}`} ${page + 1}”看下一页` : `第${page}/${pages}页`)
  const note = methodNote(ctx)
  if (note) lines.push(note)
  return lines.join('\n')
}
