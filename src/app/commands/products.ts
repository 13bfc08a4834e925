/** 商品: the product catalogue in chat — list, look up, set cost and price, aliases, merges (admins). */
import { z } from 'zod'
import { usualPriceFen } from '../../domain/catalogue/catalogue.js'
import { formatFen, parseMoney } from '../../domain/money.js'
import type { Product } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { productsWithoutCost } from '../ledger/catalogue.js'
import { addAlias, mergeProducts, setFigures, type Figures } from '../ledger/product-admin.js'
import { defineCommand } from '../router/types.js'

const USAGE = '商品 列表 [页码]｜商品 <名称>｜商品 <名称> 成本 45 售价 99 [含历史]｜商品 <名称> 别名 <别名>｜商品 合并 <保留的> <并入的>'
const PAGE = 20
const FIGURE_WORDS = { 成本: 'costFen', 售价: 'priceFen', 单位: 'unit' } as const

export const productsCommand = defineCommand({
  name: '商品',
  aliases: ['产品'],
  roles: ['admin'],
  summary: '商品目录：查看商品，录入成本和售价（算利润），加别名，合并同一商品的不同写法',
  usage: USAGE,
  privateInRooms: true,
  args: z.array(z.string()),
  async run(ctx: MessageContext, words: string[]) {
    if (words.length === 0 || words[0] === '列表') return listProducts(ctx, Number(words[1] ?? '1'))
    if (words[0] === '合并') return merge(ctx, words.slice(1))
    const at = words.findIndex(w => w in FIGURE_WORDS || w === '别名' || w === '含历史')
    const name = (at < 0 ? words : words.slice(0, at)).join(' ')
    if (name === '') return `请写上商品名称。用法：${USAGE}`
    if (at < 0) return showProduct(ctx, name)
    if (words[at] === '别名') return alias(ctx, name, words.slice(at + 1).join(' '))
    return figures(ctx, name, words.slice(at))
  },
})

function productLine(p: Product): string {
  const usual = usualPriceFen(p)
  const price = p.priceFen !== null ? `售价${formatFen(p.priceFen)}` : usual !== null ? `常见价${formatFen(usual)}` : '价格未知'
  const margin = p.costFen !== null && usual !== null && usual > 0 ? `，毛利${Math.round(((usual - p.costFen) / usual) * 100)}%` : ''
  const cost = p.costFen !== null ? `成本${formatFen(p.costFen)}${margin}` : '成本未录入'
  const aliases = p.aliases.length > 0 ? `（别名：${p.aliases.join('、')}）` : ''
  return `${p.name}${aliases}${p.unit ? ` · 每${p.unit}` : ''} · ${price} · ${cost} · ${p.lines}单`
}

async function listProducts(ctx: MessageContext, page: number): Promise<string> {
  const all = [...ctx.deps.store.products.all()].sort((a, b) => b.lines - a.lines || a.name.localeCompare(b.name, 'zh'))
  if (all.length === 0) return '商品目录还是空的。报单后会自动记下商品；也可以发“商品 面膜 成本 45 售价 99”添加。'
  const pages = Math.ceil(all.length / PAGE)
  if (!Number.isInteger(page) || page < 1 || page > pages) return `商品目录共 ${pages} 页，请发“商品 列表 1”到“商品 列表 ${pages}”。`
  const lines = [`🛍 商品 ${all.length} 种（按订单数排序）`]
  all.slice((page - 1) * PAGE, page * PAGE).forEach((p, i) => lines.push(`${(page - 1) * PAGE + i + 1}. ${productLine(p)}`))
  if (pages > 1) lines.push(page < pages ? `第${page}/${pages}页，发“商品 列表 ${page + 1}”看下一页` : `第${page}/${pages}页`)
  const missing = productsWithoutCost(ctx.deps.store, ctx.today)
  if (missing.length > 0) lines.push(`近一年有 ${missing.length} 种商品的订单没有成本：${missing.slice(0, 8).join('、')}${missing.length > 8 ? '等' : ''}。发“商品 <名称> 成本 45 含历史”补录。`)
  return lines.join('\n')
}

function showProduct(ctx: MessageContext, name: string): string {
  const p = ctx.deps.store.products.byName(name)
  if (!p) return `商品目录里没有“${name}”。发“商品 列表”查看，或发“商品 ${name} 成本 45 售价 99”添加。`
  const seen = p.seenPricesFen.length > 0 ? `最近成交单价：${p.seenPricesFen.map(formatFen).join('、')}` : '还没有带单价的订单'
  return [`🛍 ${productLine(p)}`, seen].join('\n')
}

/** `成本 45 售价 99 单位 盒 含历史`: each word followed by its value. */
function readFigures(words: string[]): { figures: Figures, history: boolean } | string {
  const figures: Figures = {}
  let history = false
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === '含历史') {
      history = true
      continue
    }
    const field = FIGURE_WORDS[w as keyof typeof FIGURE_WORDS]
    const value = words[i + 1]
    if (!field || value === undefined) return `没看懂“${w}”。用法：${USAGE}`
    i++
    if (field === 'unit') {
      figures.unit = value
      continue
    }
    const fen = parseMoney(value)
    if (fen === null) return `“${value}”不是金额，请写数字，如“${w} 45”。`
    figures[field] = fen
  }
  return { figures, history }
}

async function figures(ctx: MessageContext, name: string, words: string[]): Promise<string> {
  const read = readFigures(words)
  if (typeof read === 'string') return read
  if (read.history && read.figures.costFen === undefined) return '“含历史”要和成本一起写，如“商品 面膜 成本 45 含历史”。'
  const { store } = ctx.deps
  const at = ctx.now.toISOString()
  const { product, created, ordersUpdated } = setFigures(store, name, read.figures, read.history, at)
  const reach = read.figures.costFen === undefined
    ? null
    : read.history ? `成本已写入 ${ordersUpdated} 张历史订单，利润按新成本重算。` : '新成本从现在起的订单生效；要用于以前的订单，再发一次并加上“含历史”。'
  return [`✅ ${created ? '已添加' : '已更新'}：${productLine(product)}`, reach].filter(Boolean).join('\n')
}

async function alias(ctx: MessageContext, name: string, aliasName: string): Promise<string> {
  if (aliasName === '') return `请写上别名，如“商品 ${name} 别名 补水面膜”。`
  const { store } = ctx.deps
  const at = ctx.now.toISOString()
  const r = addAlias(store, name, aliasName, at)
  if (!r.ok) return `“${aliasName}”已经是单独的商品“${r.other.name}”。要把它并入“${name}”，请发“商品 合并 ${name} ${r.other.name}”。`
  return `✅ 已加别名：${productLine(r.product)}`
}

async function merge(ctx: MessageContext, words: string[]): Promise<string> {
  if (words.length !== 2) return '用法：商品 合并 <保留的名称> <并入的名称>，如“商品 合并 面膜 补水面膜”。'
  const { store } = ctx.deps
  const at = ctx.now.toISOString()
  const merged = mergeProducts(store, words[0]!, words[1]!, at)
  if (merged === 'same') return `“${words[0]}”和“${words[1]}”已经是同一个商品。`
  return `✅ 已合并：${productLine(merged)}\n以后“${words[1]}”都算作“${merged.name}”。`
}
