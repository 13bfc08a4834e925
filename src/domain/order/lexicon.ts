/** Words the order parser knows: units, spec measures, payment words, template labels, order prefixes. */

import type { PaymentState } from './draft.js'

/** Counting units after a quantity (`2盒`). 块 is missing on purpose: `199块` is money. */
export const UNITS: readonly string[] = [
  '盒', '瓶', '支', '套', '件', '斤', '公斤', '箱', '包', '个', '提', '袋', '罐', '片', '条', '只', '双',
  '份', '桶', '张', '本', '台', '对', '组', '板', '粒', '颗', '听', '杯', '串', '卷', '把', '枚',
  '贴', '盆', '束', '副', '筒', '排', '顶', '根', '株', '棵', '扎', '疗程', '件套', '礼盒',
]

/** Measures that make a number a package spec (`600ml`, `500g`), not a quantity. */
export const MEASURES: readonly string[] = [
  'ml', '毫升', 'l', '升', 'g', '克', 'kg', '千克', 'mg', '毫克', 'cm', '厘米', 'mm', '毫米', '寸', 'oz',
]

/** Suffixes that make a number money. */
export const MONEY_SUFFIXES: readonly string[] = ['元整', '元', '块钱', '块', '圆', 'rmb']

/** Suffixes after which a number is neither money nor a quantity (`3天`, `8折`, `2单`). */
export const OTHER_SUFFIXES: readonly string[] = [
  '年', '月', '日', '号', '点', '天', '周', '岁', '分钟', '分', '小时', '秒', '%', '楼', '栋', '室', '层', '期',
  '折', '倍', '度', '代', '人', '位', '次', '遍', '单', '笔', '届', '区', '路', '弄', '巷', '米',
]

/** Payment words and the state each one means; deposit words may carry an amount (`定金100`). */
export const PAY_WORDS: ReadonlyMap<string, PaymentState> = new Map<string, PaymentState>([
  ...['已付', '已付款', '已付清', '付清', '已转', '已转账', '转了', '已收', '已收款', '款已收', '已收钱', '付了',
    '付过了', '已支付', '已打款', '已结', '已结清', '全款', '已全款', '现付', '付款了', '已经付了', '已经付款']
    .map((w) => [w, 'paid'] as const),
  ...['未付', '未付款', '没付', '没付款', '还没付', '没给钱', '欠着', '欠款', '赊账', '赊欠', '挂账', '待付',
    '待付款', '未收', '未收款', '没收钱', '月结', '未结', '先欠着', '尾款未付']
    .map((w) => [w, 'unpaid'] as const),
  ...['货到付款', '到付', '货到付'].map((w) => [w, 'cod'] as const),
  ...['定金', '订金', '已付定金', '付定金', '付了定金', '交定金', '交了定金', '收定金', '收了定金', '定金已付',
    '订金已付', '已付订金', '付订金', '预付', '预付款', '已预付']
    .map((w) => [w, 'deposit'] as const),
])

/** A mainland mobile number standing on its own (`13800138000`, not inside a longer number). */
export const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/

/** Whether a word is only a payment word (`已付款`, `代付`): an entry that says nothing else orders nothing. */
export function isPayOnly(word: string): boolean {
  return PAY_WORDS.has(word) || word === '代付' || word === '已付' || word === '未付'
}

/** Words that introduce the order total (`合计395`, `共395`). */
export const TOTAL_WORDS: readonly string[] = ['合计', '共计', '总计', '一共', '总共', '总价', '总额', '总金额', '总款', '共', '总']

/** One-character words that are never a product, however a count follows them (`改25`, `发3`, `加2份`). */
export const NOT_PRODUCTS: ReadonlySet<string> = new Set([...'改发送要加买卖给拿退换补有是在和的了共约第'])

// A meal ordered in a meal chain (`6月8日晚餐 王阿姨2份`), with the day words that may lead it.
const MEAL = /^(?:(?:今天|明天|后天|今晚|明晚|星期[一二三四五六日天]|周[一二三四五六日天])\s*)?(早餐|午餐|晚餐|早饭|午饭|晚饭|夜宵|宵夜|便当|盒饭|套餐|早点)$/u

/** The meal a word names (`星期五午餐` → `午餐`), or null. */
export function mealOf(word: string): string | null {
  return MEAL.exec(word)?.[1] ?? null
}

/** Relative day words and their offset from the message day. */
export const DATE_WORDS: ReadonlyMap<string, number> = new Map([
  ['今天', 0], ['今日', 0], ['昨天', -1], ['昨日', -1], ['前天', -2], ['大前天', -3],
])

/** Words that open an order report (`下单：…`, `报单`). */
export const ORDER_PREFIXES: readonly string[] = [
  '下单', '报单', '订单', '新单', '接单', '出单', '开单', '录单', '补单', '新订单', '成交',
]

export type LabelField =
  | 'name' | 'phone' | 'address' | 'product' | 'qty' | 'spec' | 'unitPrice' | 'amount'
  | 'payment' | 'deposit' | 'date' | 'note' | 'referrer'

const LABEL_LIST: ReadonlyArray<readonly [LabelField, readonly string[]]> = [
  ['name', ['客户', '客户名', '客户姓名', '姓名', '名字', '收货人', '收件人', '买家', '顾客', '客人', '联系人',
    '收货人姓名', '收件人姓名']],
  ['phone', ['电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '联系方式', '收货电话', '收件电话', 'tel']],
  ['address', ['地址', '收货地址', '收件地址', '详细地址', '所在地区']],
  ['product', ['产品', '商品', '品名', '货品', '名称', '宝贝', '产品名', '产品名称', '商品名称', '商品名', '货物',
    '下单产品', '购买产品']],
  ['qty', ['数量', '件数', '个数', '盒数', '购买数量']],
  ['spec', ['规格', '型号', '口味', '颜色', '尺码']],
  ['unitPrice', ['单价']],
  ['amount', ['金额', '总价', '合计', '实付', '总额', '总金额', '应付', '应收', '价钱', '价格', '货款', '共计', '总计',
    '实收', '付款金额', '订单金额', '总价格']],
  ['payment', ['付款', '付款方式', '支付', '支付方式', '付款状态', '支付状态', '收款状态', '是否付款', '结算方式']],
  ['deposit', ['定金', '订金', '预付']],
  ['date', ['日期', '时间', '下单日期', '下单时间', '订单日期', '成交日期', '购买日期']],
  ['note', ['备注', '说明', '留言', '附言', '快递', '物流', '发货', '赠品', '代理']],
  ['referrer', ['介绍人', '推荐人', '转介绍人', '介绍', '推荐']],
]

/** Template label → field, for `客户：张三`-style lines. */
export const LABELS: ReadonlyMap<string, LabelField> = new Map(
  LABEL_LIST.flatMap(([field, words]) => words.map((w) => [w, field] as const)),
)
/** Length of the longest label, bounding the look-back before a colon. */
export const MAX_LABEL_LENGTH = Math.max(...[...LABELS.keys()].map((w) => w.length))

/** Words that are never a customer name: greetings, couriers, payment channels. They go to the note. */
export const NOISE_WORDS: ReadonlySet<string> = new Set([
  '亲', '亲爱的', '老客户', '新客户', '老客', '新客', '回购', '复购', '包邮', '顺丰', '顺丰包邮', '发顺丰', '中通',
  '圆通', '韵达', '申通', '极兔', '京东', '邮政', 'ems', '快递', '加急', '急', '谢谢', '谢谢亲', '麻烦', '麻烦了',
  '辛苦', '辛苦了', '微信', '支付宝', '转账', '现金', '好的', '收到', '在吗', '哈哈', '哈哈哈', 'ok', '嗯', '哦',
  '好', '行', '送', '发货', '尽快发', '老板', '美女', '帅哥', '您好', '你好', '各位', '给', '要', '的', '了', '和',
  '还有', '另外', '再', '又', '也', '明天发', '今天发', '马上发', '已发', '已发货', '待发货', '赠送', '小样',
])

const HONORIFIC = '(?:老师|阿姨|先生|女士|小姐|老板娘|老板|姐姐|哥哥|大姐|大哥|宝宝|经理|医生|主任|姐|哥|总|妹|姨|叔|嫂)'
const HONORIFIC_NAME = new RegExp(`^[\\u4e00-\\u9fff]{1,2}?${HONORIFIC}$`)
const HONORIFIC_PREFIX = new RegExp(`^([\\u4e00-\\u9fff]{1,2}?${HONORIFIC})(.+)$`)
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任' +
  '沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文' +
  '牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉' +
  '骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全' +
  '佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '慕容', '令狐', '皇甫', '尉迟', '长孙', '夏侯', '公孙', '端木']

/** Whether a word reads like a person (`张三`, `李姐`, `小王`, `Lily`), to tell a customer line from an item line. */
export function isNameLike(text: string): boolean {
  if (/^[A-Za-z][A-Za-z .'-]{0,19}$/.test(text)) return !NOISE_WORDS.has(text.toLowerCase())
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(text) || NOISE_WORDS.has(text)) return false
  if (/^[小老阿][\u4e00-\u9fff]$/.test(text) || HONORIFIC_NAME.test(text)) return true
  if (COMPOUND_SURNAMES.some((s) => text.startsWith(s))) return true
  return SURNAMES.includes(text[0] as string) && text.length <= 3
}

/** Splits `李姐精华` into the person (`李姐`) and the rest, when it starts with a name and a form of address. */
export function splitHonorific(text: string): [string, string] | null {
  if (text.length > 30) return null
  const m = HONORIFIC_PREFIX.exec(text)
  return m ? [m[1] as string, m[2] as string] : null
}

const QUESTION = /[?]|(?:吗|呢|么|嘛)[ ~!.。]*$|多少钱|怎么|什么|为什么|能不能|可不可以|有没有|是不是/m

/** Whether a message asks something (`明天发货吗？`, `面膜还有货吗`); questions are not orders. */
export function isQuestion(text: string): boolean {
  return QUESTION.test(text)
}

/** Words grouped by first character, for longest-match lookups that stay fast on long texts. */
export type WordIndex = ReadonlyMap<string, readonly string[]>

/** Builds a WordIndex; with `ignoreCase`, ASCII words are matched case-insensitively (`ML`, `Kg`, `RMB`). */
export function createWordIndex(words: Iterable<string>, ignoreCase = false): WordIndex {
  const index = new Map<string, string[]>()
  for (const raw of words) {
    const w = ignoreCase ? raw.toLowerCase() : raw
    const first = w[0]
    if (first === undefined) continue
    const list = index.get(first) ?? []
    list.push(w)
    index.set(first, list)
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length)
  return index
}

/**
 * Whether lower-casing may change `text[from, to)`: never for Chinese characters, digits and
 * lower-case ASCII, the characters of nearly every chat message (so they need no lower-cased copy).
 */
function mayFold(text: string, from: number, to: number): boolean {
  for (let k = from; k < to && k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c < 128 ? c >= 65 && c <= 90 : c < 0x3400 || c > 0x9fff) return true
  }
  return false
}

/** The longest indexed word starting at `at` in `text` (ASCII case folded when the index ignores case). */
export function longestWordAt(index: WordIndex, text: string, at: number): string | null {
  const ch = text[at]
  if (ch === undefined) return null
  const list = index.get(ch) ?? (mayFold(ch, 0, 1) ? index.get(ch.toLowerCase()) : undefined)
  if (list === undefined) return null
  for (const w of list) {
    if (text.startsWith(w, at) || (mayFold(text, at, at + w.length) && text.slice(at, at + w.length).toLowerCase() === w)) return w
  }
  return null
}
