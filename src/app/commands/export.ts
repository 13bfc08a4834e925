import { z } from 'zod'
import { customerRows } from '../io/export-customers.js'
import { defineCommand } from '../router/types.js'
import { toPolicy } from '../segments/policy-config.js'

export const exportCommand = defineCommand({
  name: '导出',
  aliases: ['导出客户', 'export'],
  roles: ['admin', 'agent'],
  summary: '把客户表（含分组、价值、信用、理由）导出成 CSV 文件，Excel 可直接打开',
  usage: '导出',
  privateInRooms: true,
  args: z.array(z.string()).max(0, '用法：导出'),
  async run(ctx) {
    const csv = ctx.deps.csv
    if (!csv) return '导出暂不可用。'
    const rows = customerRows(ctx.deps.store, ctx.classified(), {
      agentId: ctx.visible.scope === 'all' ? undefined : ctx.visible.agentId ?? '-',
      creditDays: toPolicy(ctx.deps.config.classify).creditDays,
      matureOrders: ctx.deps.config.lifecycle.matureOrders,
    })
    const bytes = new TextEncoder().encode(csv(rows))
    return { text: `📎 客户表：${rows.length - 1} 位客户`, files: [{ name: `客户导出-${ctx.today}.csv`, bytes }] }
  },
})
