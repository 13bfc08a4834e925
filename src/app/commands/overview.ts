import { z } from 'zod'
import { defineCommand } from '../router/types.js'
import { pyramidSpec } from '../views/charts.js'
import { overviewText } from '../views/overview.js'
import { visibleClasses } from '../views/scope.js'

export const overviewCommand = defineCommand({
  name: '概览',
  aliases: ['总览', '汇总', '概况'],
  roles: ['admin', 'agent'],
  summary: '各分组人数与收入、价值分层、二八占比、昨晚的变化、前5名客户，附金字塔图',
  usage: '概览',
  privateInRooms: true,
  args: z.array(z.string()).max(0, '用法：概览'),
  async run(ctx) {
    const text = overviewText(ctx)
    const charts = ctx.deps.charts
    if (!charts || visibleClasses(ctx).length === 0) return text
    const png = await charts.render(pyramidSpec(ctx))
    return { text, files: [{ name: `客户金字塔-${ctx.today}.png`, bytes: png }] }
  },
})
