import { z } from 'zod'
import { isRegionWord } from '../../domain/customer/region.js'
import type { Group } from '../../domain/segment/groups.js'
import { defineCommand } from '../router/types.js'
import { groupListText } from '../views/lists.js'

/** `[地区] [页码]` in either order: a page number, and a province or a city with its 市 (`广东`, `深圳市`); other words are talk. */
const listArgs = z.array(z.string()).max(2).transform((words) => {
  const page = words.find(w => /^\d+$/.test(w))
  const region = words.find(w => !/^\d+$/.test(w)) ?? null
  return { page: page === undefined ? 1 : Number(page), region, extra: words.length - (page === undefined ? 0 : 1) - (region === null ? 0 : 1) }
}).pipe(z.object({ page: z.number().int().min(1).max(1000), region: z.string().refine(isRegionWord).nullable(), extra: z.literal(0) }))

function listCommand(name: string, aliases: string[], group: Group, summary: string) {
  return defineCommand({
    name,
    aliases,
    roles: ['admin', 'agent'],
    summary,
    usage: `${name} [地区] [页码]`,
    privateInRooms: true,
    args: listArgs,
    run: async (ctx, a: { page: number, region: string | null }) => groupListText(ctx, group, a.page, name, a.region),
  })
}

export const dormantList = listCommand('睡眠客户', ['睡眠'], 'dormant', '列出睡眠型客户，先列价值高的，附理由')
export const loyalList = listCommand('忠诚客户', ['忠诚'], 'loyal', '列出忠诚型客户')
export const growingList = listCommand('成长客户', ['快速成长客户', '成长'], 'fast_growing', '列出快速成长型客户')
export const nurtureList = listCommand('培养客户', ['值得培养客户', '培养'], 'nurture', '列出值得重视培养的客户')
