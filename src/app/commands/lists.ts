import { z } from 'zod'
import type { Group } from '../../domain/segment/groups.js'
import { defineCommand } from '../router/types.js'
import { groupListText } from '../views/lists.js'

const page = z.array(z.string()).max(1).transform(w => Number(w[0] ?? '1')).pipe(z.number().int().min(1).max(1000))

function listCommand(name: string, aliases: string[], group: Group, summary: string) {
  return defineCommand({
    name,
    aliases,
    roles: ['admin', 'agent'],
    summary,
    usage: `${name} [页码]`,
    privateInRooms: true,
    args: page,
    run: async (ctx, p: number) => groupListText(ctx, group, p, name),
  })
}

export const dormantList = listCommand('睡眠客户', ['睡眠'], 'dormant', '列出睡眠型客户，先列价值高的，附理由')
export const loyalList = listCommand('忠诚客户', ['忠诚'], 'loyal', '列出忠诚型客户')
export const growingList = listCommand('成长客户', ['快速成长客户', '成长'], 'fast_growing', '列出快速成长型客户')
export const nurtureList = listCommand('培养客户', ['值得培养客户', '培养'], 'nurture', '列出值得重视培养的客户')
