/** 类型 / 标签 / 标签客户: a customer's type and free tags, set and listed by their agent or an admin. */
import { z } from 'zod'
import { KIND_NAMES, KIND_WORDS } from '../../domain/customer/kind.js'
import { applyTagEdit, MAX_TAGS, parseTagEdit } from '../../domain/customer/tags.js'
import { findVisible } from '../ledger/find-customer.js'
import { defineCommand } from '../router/types.js'
import { taggedListText } from '../views/tagged.js'

const KIND_USAGE = '类型 <客户> 个人|企业'
const TAG_USAGE = '标签 <客户> +注重品质 -价格敏感'
const TAGGED_USAGE = '标签客户 <标签> [页码]'

export const kindCommand = defineCommand({
  name: '类型',
  aliases: ['客户类型'],
  roles: ['admin', 'agent'],
  summary: '把客户设为个人或企业（没设时按名字推断：以店、公司、美容院等结尾的算企业）',
  usage: KIND_USAGE,
  // The answer to an ambiguous name lists phone endings and agents.
  privateInRooms: true,
  args: z.array(z.string()).min(2, `用法：${KIND_USAGE}`).max(3, `用法：${KIND_USAGE}`),
  async run(ctx, words: string[]) {
    const word = words.at(-1)!
    const kind = Object.hasOwn(KIND_WORDS, word) ? KIND_WORDS[word] : undefined
    if (!kind) return `类型只能是“个人”或“企业”。用法：${KIND_USAGE}`
    const customer = findVisible(ctx, words.slice(0, -1))
    if (typeof customer === 'string') return customer
    if (customer.kind === kind) return `客户 ${customer.name} 已经是${KIND_NAMES[kind]}客户。`
    ctx.deps.store.customers.update({ ...customer, kind })
    return `✅ 已把客户 ${customer.name} 设为${KIND_NAMES[kind]}客户。`
  },
})

export const tagCommand = defineCommand({
  name: '标签',
  aliases: ['打标签', '客户标签'],
  roles: ['admin', 'agent'],
  summary: '给客户加（+）或去掉（-）标签，如行业、在意什么；只写客户名则列出他的标签',
  usage: TAG_USAGE,
  privateInRooms: true,
  args: z.array(z.string()).min(1, `用法：${TAG_USAGE}`).max(21, '一次最多改 20 个标签'),
  async run(ctx, words: string[]) {
    const [who, ...rest] = words
    // `标签 张三 8000 +注重品质`: a phone ending tells apart two customers of one name.
    const hint = rest[0] !== undefined && /^\d{4}$/.test(rest[0]) ? rest.shift()! : null
    const customer = findVisible(ctx, hint ? [who!, hint] : [who!])
    if (typeof customer === 'string') return customer
    if (rest.length === 0) {
      return customer.tags.length === 0
        ? `客户 ${customer.name} 还没有标签。加标签：标签 ${customer.name} +注重品质`
        : `客户 ${customer.name} 的标签：${customer.tags.join('、')}`
    }
    const edit = parseTagEdit(rest)
    if (edit.bad.length > 0) return `没有改动：${edit.bad.join('；')}。`
    const r = applyTagEdit(customer.tags, edit)
    if (r.added.length > 0 || r.removed.length > 0) ctx.deps.store.customers.update({ ...customer, tags: r.tags })
    const lines = [
      r.added.length > 0 ? `✅ 已加上：${r.added.join('、')}` : null,
      r.removed.length > 0 ? `✅ 已去掉：${r.removed.join('、')}` : null,
      r.missing.length > 0 ? `本来就没有：${r.missing.join('、')}` : null,
      r.overLimit.length > 0 ? `标签已满 ${MAX_TAGS} 个，没有加上：${r.overLimit.join('、')}` : null,
      r.added.length === 0 && r.removed.length === 0 && r.missing.length === 0 && r.overLimit.length === 0 ? '这些标签都已经有了。' : null,
      `客户 ${customer.name} 现在的标签：${r.tags.length === 0 ? '无' : r.tags.join('、')}`,
    ]
    return lines.filter(Boolean).join('\n')
  },
})

const taggedArgs = z.array(z.string()).min(1, `用法：${TAGGED_USAGE}`).max(2, `用法：${TAGGED_USAGE}`)
  .transform(([tag, page]) => ({ tag: tag!.replace(/^[+＋]/, ''), page: page === undefined ? 1 : Number(page) }))
  .pipe(z.object({ tag: z.string().min(1), page: z.number().int().min(1, '页码要是正整数').max(1000) }))

export const taggedCommand = defineCommand({
  name: '标签客户',
  aliases: ['按标签'],
  roles: ['admin', 'agent'],
  summary: '列出带某个标签的客户，先列价值高的',
  usage: TAGGED_USAGE,
  privateInRooms: true,
  args: taggedArgs,
  run: async (ctx, a: { tag: string, page: number }) => taggedListText(ctx, a.tag, a.page),
})
