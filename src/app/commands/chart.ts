import { z } from 'zod'
import type { OutFile } from '../../domain/ports.js'
import { defineCommand } from '../router/types.js'
import { monthlySpec, pyramidSpec, regionSpec } from '../views/charts.js'
import { funnelSpec } from '../views/funnel.js'
import { visibleClasses } from '../views/scope.js'

const KINDS = { 金字塔: 'pyramid', 趋势: 'trend', 漏斗: 'funnel', 地区: 'region' } as const
const FILE_NAMES = { pyramid: '客户金字塔', trend: '月度收入', funnel: '客户漏斗', region: '客户地区' } as const

export const chartCommand = defineCommand({
  name: '图表',
  aliases: ['chart'],
  roles: ['admin', 'agent'],
  summary: '发图：客户数金字塔与利润倒金字塔；近12个月按分组的收入；“图表 漏斗”发客户漏斗和本月转化，“图表 地区”发各省客户数',
  usage: '图表 [金字塔｜趋势｜漏斗｜地区]',
  privateInRooms: true,
  args: z.array(z.enum(['金字塔', '趋势', '漏斗', '地区'], { error: '用法：图表 [金字塔｜趋势｜漏斗｜地区]' })).max(1),
  async run(ctx, words: ('金字塔' | '趋势' | '漏斗' | '地区')[]) {
    const charts = ctx.deps.charts
    if (!charts) return '这台机器上没有装画图组件，暂时不能发图表。'
    if (visibleClasses(ctx).length === 0) return '还没有客户数据，报单后再来看图表吧。'
    const kinds = words.length > 0 ? [KINDS[words[0]!]] : ['pyramid', 'trend'] as const
    const files: OutFile[] = []
    for (const kind of kinds) {
      const spec = kind === 'pyramid' ? pyramidSpec(ctx) : kind === 'trend' ? monthlySpec(ctx) : kind === 'funnel' ? funnelSpec(ctx) : regionSpec(ctx)
      files.push({ name: `${FILE_NAMES[kind]}-${ctx.today}.png`, bytes: await charts.render(spec) })
    }
    return { text: null, files }
  },
})
