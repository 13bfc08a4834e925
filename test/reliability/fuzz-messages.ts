/**
 * Generated chat messages for the reliability fuzz: random Unicode, control characters, near-miss commands,
 * real 报单 forms with mutations, extreme amounts and a few very long lines. Deterministic for a seed.
 */
import fc from 'fast-check'
import { commands } from '../../src/app/commands/index.js'

/** Every word that starts a chat command, as the registry spells it (plus the admin binding word). */
export const COMMAND_WORDS: readonly string[] = [...commands.flatMap(c => [c.name, ...c.aliases]), '绑定管理员']

/** Amounts an agent should never get recorded, and a few odd but fine ones. */
export const EXTREME_AMOUNTS: readonly string[] = [
  '0', '0.00', '0元', '-0', '-1', '-398', '¥-398', '- 398', '-0.01', '0.001', '0.5', '0.01', '398.555', '398.5',
  '1e30', '1e15', '1E308', '99999999999999999999', '99999999999999999999元', '¥99999999999999999999',
  '179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
  '1.7976931348623157e308', '9007199254740991', '9007199254740993', '90071992547409.93', '1000000000000000元',
  '12345678901234元', '1000000', '1000000.01', '1000001', '100万', '101万', '一亿', '九千九百九十九亿', '十万亿',
  '１２３４５６７８９０１２３４５６元', '３９８', '￥３９８', '1,000,000,000', '999,999.99', '2w', '3k', '两千五',
  '五百九十七元', '19块5', '1.5万', '9999999.99元', '10000000万', '0x10', '1_000', '398.', '.5', '１e３０',
  '99999999*99999999', '@9999999 ×999999', '9999999999999*999999999', '身份证110101199003071234', '-99999999999999999999',
]

const NAMES = ['张三', '李姐', '王总', 'Lily', '刘姐', '何姐', '阿芳', '小美', '王阿姨', '张三丰', 'مريم', 'אבי', '👩‍👩‍👧']
const PHONES = ['13800138000', '13888888888', '150-3569-6956', '138 0013 8000', '+86 139 0013 9000', '12800138000', '1380013800', '１３８００１３８０００']
const ITEMS = ['面膜2盒', '精华×3', '眼霜1支', '面膜两盒', '精华1瓶+面膜2盒', '600ml*24瓶 4箱', '洗面奶x2支', '面膜、精华各一盒', '口红', '面膜999999999盒', '面膜0盒', '面膜-2盒']
const PAYS = ['已付', '未付', '货到付款', '到付', '定金100', '已付定金50', '已付100', '欠着', '', '']
const DATES = ['', '', '11.20', '11月20日', '昨天', '2月30日', '2026-11-20', '9999-99-99']
const BASE_ORDERS = [
  '张三 13800138000 面膜2盒 398 已付',
  '下单：李姐 精华×3 ¥597 未付',
  '客户：王五 电话：13700137000 产品：面膜 数量：2盒 金额：398 付款：货到付款',
  '刘姐 13888888888 面膜2盒 已付',
  '张三 13800138000\n面膜2盒 199\n精华1瓶 199\n合计398 已付',
  '张三 面膜2盒 398；李四 精华1瓶 199；王五 眼霜1支 299 已付',
  '王总 茅台53度500ml*6瓶 2箱 35880 已付',
  '11.20\n张三 面膜2盒 398\n李四 精华1瓶 199',
  '张三 面膜2盒 单价199 合计398',
  '收款 李姐 597',
  '退款 张三 199',
  '改 上一单 金额 298',
  '改 #1 数量 3',
  '改 上一单 电话 13900139000',
  '改 上一单 客户 李四',
  '改 上一单 定金100',
  '撤销',
  '确认',
  '取消',
  '张三 收款398',
]
/** Real commands with arguments (never removing 小王, the agent who speaks in the run). */
const BASE_COMMANDS = [
  '帮助', '概览', '图表', '图表 金字塔', '导出', '睡眠客户', '培养客户 2', '忠诚客户 999', '客户 张三', '客户 13800138000',
  '客户 张三 8000', '客户 张三 小王', '代理 列表', '代理 添加 小李', '代理 删除 小李', '代理 添加 阿芳', '代理 添加 路人',
  '代理 删除 王五', '代理 添加', '设置', '设置 VIP群 报单群', '绑定 张三 小李', '绑定 张三 阿芳', '绑定 张三 路人', '解绑 张三',
  '任务', '任务 digest 预览', '任务 nudge 预览', '任务 reclassify', '任务 不存在', '撤销', '改 上一单 数量 3', '改 #1 付款 到付',
  '改 上一单 已付', '改 上一单 客户 李姐', '退款 张三 199', '收款 13800138000 100', '退订', '订阅', '确认', '取消',
]
const CONTROL = ['\0', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\r', '\r\n', '\n', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029']
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2069', '\ufeff', '\u00ad', '\u180e', '\ufe0f', '\u20e3']
const EMOJI = ['😀', '👍🏻', '👩‍👩‍👧‍👦', '🏳️‍🌈', '🇨🇳', '❤️', '🧑🏽‍💻', '1️⃣', '🌸', '[微笑]', '[图片]', '\u{E0067}', '\u{1F3FB}', '\u{10FFFF}', '\u{F0000}']
const ODD = ['\ud800', '\udfff', '\ud83d', '\uffff', '\ufffe', '\ufffd', '\u3000', '\u00a0', '：', '，', '；', '＃', '／', '＠', '￥', '×', '−', '—', '…', 'ｘ', '①', 'Ⅻ', '𝟗', '٣', '۹', '߉', '१', '〇', '㈠', '㊿']
const ARGS = [
  '张三', '李姐', '13800138000', '8000', '138', '398', '0', '-1', '1', '2', '1001', '99999999999999999999', '1e30',
  '上一单', '#1', '#999999999', '金额', '数量', '电话', '预览', '试运行', 'reclassify', 'digest', 'nudge', 'reactivate',
  'invite', 'perks', '添加', '删除', '列表', '小王', '小李', '阿芳', '老板', 'VIP群', '报单群', '金字塔', '趋势', '页', '@小王',
]
const SPECIALS = [...CONTROL, ...INVISIBLE, ...EMOJI, ...ODD]

/** Drops, doubles, swaps, inserts or replaces one code point: a typo. */
function typo(text: string, op: number, at: number, insert: string): string {
  const cps = [...text]
  if (cps.length === 0) return insert
  const i = at % cps.length
  switch (op % 5) {
    case 0: return cps.filter((_, k) => k !== i).join('')
    case 1: return [...cps.slice(0, i + 1), cps[i], ...cps.slice(i + 1)].join('')
    case 2: return i + 1 < cps.length ? [...cps.slice(0, i), cps[i + 1], cps[i], ...cps.slice(i + 2)].join('') : cps.reverse().join('')
    case 3: return [...cps.slice(0, i), insert, ...cps.slice(i)].join('')
    default: return [...cps.slice(0, i), insert, ...cps.slice(i + 1)].join('')
  }
}

const special = fc.constantFrom(...SPECIALS)
const pieceOfText = fc.oneof(special, fc.constantFrom(...NAMES, ...PHONES, ...ITEMS, ...EXTREME_AMOUNTS, ...ARGS, ...COMMAND_WORDS))

const randomUnicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map(n => String.fromCharCode(n)), maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map(n => String.fromCharCode(n)), maxLength: 30 }),
  fc.array(pieceOfText, { maxLength: 12 }).map(parts => parts.join('')),
  fc.array(pieceOfText, { maxLength: 12 }).map(parts => parts.join(' ')),
)

const nearMissCommand = fc.tuple(
  fc.constantFrom(...COMMAND_WORDS),
  fc.nat(7),
  fc.nat(),
  fc.oneof(special, fc.constantFrom('x', '款', '表', ' ', '吗', '了')),
  fc.array(fc.oneof(fc.constantFrom(...ARGS, ...EXTREME_AMOUNTS), special), { maxLength: 3 }),
  fc.constantFrom('', '', '/', '／', '@小助手 ', '@小助手\u2005', ' '),
  fc.constantFrom('', '', '？', '!!', '。', '~', '：'),
).map(([word, op, at, insert, args, lead, tail]) => {
  const cps = [...word]
  const head = op === 5 ? cps.slice(0, 1 + (at % cps.length)).join('') // a prefix (or the word itself)
    : op === 6 ? word.toUpperCase()
      : op === 7 ? word
        : typo(word, op, at, insert)
  return `${lead}${head}${tail}${args.length > 0 ? ' ' : ''}${args.join(' ')}`
})

const composedOrder = fc.tuple(
  fc.constantFrom(...NAMES), fc.constantFrom(...PHONES, '', ''), fc.constantFrom(...ITEMS),
  fc.oneof(fc.constantFrom('398', '¥597', '199元', '1.5万', '两千五'), fc.constantFrom(...EXTREME_AMOUNTS)),
  fc.constantFrom(...PAYS), fc.constantFrom(...DATES),
).map(parts => parts.filter(p => p !== '').join(' '))

const mutatedOrder = fc.tuple(
  fc.oneof(fc.constantFrom(...BASE_ORDERS), composedOrder),
  fc.array(fc.tuple(fc.nat(4), fc.nat(), fc.oneof(special, fc.constantFrom(...EXTREME_AMOUNTS))), { maxLength: 3 }),
).map(([order, edits]) => edits.reduce((text, [op, at, insert]) => typo(text, op, at, insert), order))

const amountMessage = fc.tuple(
  fc.constantFrom('收款 张三 ', '退款 张三 ', '回款 李姐 ', '张三 收款', '改 上一单 金额 ', '改 #1 金额改成 ', '张三 面膜2盒 ', '张三 13800138000 面膜2盒 ', '张三 面膜2盒 398 定金', '张三 面膜2盒 已付', '张三 面膜 单价', '张三 面膜2盒 合计', '客户：张三 产品：面膜 金额：'),
  fc.constantFrom(...EXTREME_AMOUNTS),
  fc.constantFrom('', ' 已付', ' 未付', '元', ' 昨天'),
).map(([head, amount, tail]) => `${head}${amount}${tail}`)

/** One generated chat message (short to medium length). */
export const chatMessage: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: randomUnicode },
  { weight: 3, arbitrary: nearMissCommand },
  { weight: 3, arbitrary: mutatedOrder },
  { weight: 2, arbitrary: amountMessage },
  { weight: 1, arbitrary: fc.constantFrom(...BASE_COMMANDS) },
  { weight: 1, arbitrary: fc.tuple(mutatedOrder, fc.array(fc.constantFrom(...CONTROL, ...INVISIBLE), { minLength: 1, maxLength: 20 })).map(([t, cs]) => cs.join('') + t + cs.join('')) },
)

/** A very long line or message (10k to 100k characters), chosen by index so every kind appears. */
export function longMessage(index: number): string {
  const kinds = [
    () => '张三 13800138000 面膜2盒 398 已付 '.repeat(3_000),
    () => '9'.repeat(100_000),
    () => '张三 面膜2盒 ' + '8'.repeat(50_000) + '元',
    () => Array.from({ length: 2_000 }, (_, i) => `客户${i} 1${String(3800000000 + i)} 面膜${(i % 9) + 1}盒 ${i + 1}`).join('\n'),
    () => '收款 张三 ' + '1'.repeat(20_000),
    () => '\u200b😀'.repeat(20_000),
    () => '改 上一单 金额 ' + '９'.repeat(30_000),
    () => '\n'.repeat(30_000) + '张三 面膜2盒 398',
    () => '帮助 ' + 'x '.repeat(30_000),
    () => '面膜'.repeat(25_000) + ' 2盒 398',
  ]
  return kinds[index % kinds.length]!()
}

/** `count` messages for `seed`, generated lazily so a long run never holds them all. */
export function sampleMessages(seed: number, count: number): string[] {
  // The start-up code (123456 in the test app) would make a stranger an admin for the rest of the run.
  return fc.sample(chatMessage, { seed, numRuns: count }).map(text => text.replaceAll('123456', '123465'))
}
