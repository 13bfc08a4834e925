/**
 * The documented replies, as shapes: for each reply the bot can give, the patterns of its lines, written from
 * the reply texts in src/app (router, ledger, commands, views) and the parser's issues. Placeholders accept
 * only what the code puts there (amounts as `¥1,234.50`, order numbers, masked phones); free text stays on
 * its line. Also the checks no shape can make: leaked values, unprintable characters, inexact amounts.
 */
import { commands } from '../../src/app/commands/index.js'
import { normalizeText, stripUnprintable } from '../../src/domain/order/normalize-text.js'

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One line of free text (a name, a product, an echo of what was written). */
const T = String.raw`[^\n]+?`
const T0 = String.raw`[^\n]*?`
/** formatFen: `¥398`, `¥1,234.50`; signed only where the bot quotes a refused amount. */
const M = String.raw`¥\d{1,3}(?:,\d{3})*(?:\.\d{2})?`
const SM = `-?${M}`
/** A number too long to read, quoted as written (at most 16 characters, then `…`). */
const RAW = String.raw`“[-\d,.*xX ]{1,16}…?”`
const NO = String.raw`#\d+`
const PHONE = String.raw`1\d{10}|1\d{2}\*{4}\d{4}`
const AMOUNT = `(?:${M}|金额待补)`
const PAY = `(?:已付|未付|货到付款|定金${M}|付了定金|付款未注明)`
const DATE = String.raw`(?: \d{2}-\d{2})?`
const GROUP = '(?:忠诚型|快速成长型|值得重视培养|睡眠型)'
const STAGE = '(?:潜在客户|新客户|老客户|成熟客户|忠诚客户|沉睡客户)'
const SOURCE = '(?:朋友圈|群|转介绍|扫码|展会|搜索|其他)'
/** A conversion rate, or a dash when nobody could take the step. */
const RATE = '(?:\\d+%|—)'
const TAILS = String.raw`(?:尾号\d{4}|#c\d+)(?:、(?:尾号\d{4}|#c\d+))*`
/** Names and product lines never hold the full-width colon: the parser reads NFKC text. */
const NAME = String.raw`[^\n：]+?`
const ITEMS = String.raw`[^\n：]*?`
/** `#12 张三 138****8000：面膜×2盒 ¥398 已付 11-20` (format.ts orderLine). */
const ORDER_LINE = `${NO} ${NAME}(?: (?:${PHONE}))?：${ITEMS} ${AMOUNT} ${PAY}${DATE}`
/** `张三 138****8000：面膜×2盒 金额待补 已付` (format.ts draftLine). */
const DRAFT_LINE = `${NAME}(?: (?:${PHONE}))?：${ITEMS} ${AMOUNT} ${PAY}${DATE}`
/** A refused draft may quote the amount that was refused (`-¥398`). */
const REFUSED_DRAFT_LINE = `${NAME}(?: (?:${PHONE}))?：${ITEMS} (?:${SM}|金额待补) ${PAY}${DATE}`

/** The parser's issue messages (src/domain/order/issues.ts). */
const ISSUE = `(?:${[
  '没看到客户，请写上客户名字或手机号，如“张三 13800138000 面膜2盒 398”',
  '没看到商品，请写上商品和数量，如“面膜2盒”或“精华×3”',
  '没看到金额，请写上总价，如“398元”或“¥398”',
  `合计${M}和明细相加${M}对不上；回“确认”按${M}记录，或改好重发，如“合计\\d+(?:\\.\\d{2})?”`,
  `金额写了两个：${SM}和${SM}，请只留一个总价，如“398元”`,
  '付款状态矛盾：既写了已付又写了未付或到付，请只写一种，如“已付”、“未付”、“到付”或“定金100”',
  `“${T0}”的数量是0，请写实际买了几件，如“${T0}”`,
  `电话“${T}”不是有效手机号，请写11位手机号，如“13800138000”或“138-0013-8000”`,
  `(?:金额|定金)(?:${SM}|${RAW})不对：(?:金额|定金)必须大于0，请写实际的钱数，如“398元”`,
  `(?:金额|定金)(?:${M}|${RAW})?超过了单笔上限¥1,000,000，不像真实金额（多打了0？），请核对后重发，如“398元”`,
  `定金${M}比总价${M}还多，请核对，如“总价398 定金100”`,
  `日期“${T}”不对，请写如“11月20日”、“11\\.20”、“2026-11-20”或“昨天”`,
  '没看到是哪位客户，请写如“(?:收款|退款) 张三 398”或“(?:收款|退款) 13800138000 398”',
  '没看到金额，请写如“(?:收款|退款) 张三 398”或“(?:收款|退款) 张三 ¥398”',
  '没看懂要改什么，请写如“改 上一单 金额 298”或“改 #12 数量 3”；可改：金额、数量、电话、客户、日期、已付/未付/到付/定金',
].join('|')})`

const usages = commands.map(c => esc(c.usage)).join('|')
const commandNames = commands.map(c => esc(c.name)).join('|')

/** account.ts owedText: what is owed, the cash-on-delivery and overdue parts, money paid in advance. */
const OWED = `未付：(?:无|${M}(?:（其中(?:货到付款待收 ${M}|逾期 ${M}|货到付款待收 ${M}，逾期 ${M})）)?)(?: · 预收款 ${M})?`

const PROFILE_LINE = `(?:${[
  '还没有有效订单（订单都已取消或退款）。',
  `分组：${GROUP} · 价值[ABCD]级 · 信用[ABCD](?: · ⚠️需要跟进)?`,
  `· ${T0}`,
  `累计消费 ${M}（\\d+单）· 近\\d+天 ${M}`,
  `上次下单：\\d{4}-\\d{2}-\\d{2} ${T0} (?:${M}|金额待补)`,
  `购买节奏：平均每\\d+天一次${T0}`,
  `近一年利润 ${SM}(?:（商品成本未录入，按消费额估算）|（${M} 的商品未录入成本，按平均毛利率 -?\\d+% 估算）)?`,
  `预计下次购买：(?:(?:只下过一单|只在一天里下过\\d+单)，(?:今天刚下单|已\\d+天)|\\d{2}-\\d{2} 前后|比平时的间隔晚了 \\d+ 天)(?:，未来\\d+天预计下单 \\d+\\.\\d 次)?`,
  OWED,
  `建议：${T}`,
  `微信：(?:未绑定|已绑定(?:（${T}）)?)(?: · 已退订营销消息)?`,
  '意向客户，还没有下单。',
  `阶段：${STAGE} · 常见问题：${T}`,
  `该做：${T}`,
  `标签：${T}`,
  `介绍人：${T}`,
  `介绍来 \\d+ 位客户（\\d+ 位已下单），带来消费 ${M}`,
  `意向等级：[ABC] · ${T}`,
  `来源：${SOURCE} · 首次联系 \\d{4}-\\d{2}-\\d{2} · (?:今天联系过|\\d+天前联系)`,
  `问过（\\d{2}-\\d{2}）：${T0}`,
  `跟进（\\d{2}-\\d{2} ${T0}）：${T0}`,
  `意向转化：\\d{4}-\\d{2}-\\d{2} 首次联系（${SOURCE}），\\d{4}-\\d{2}-\\d{2} 首单，用了-?\\d+天`,
].join('|')})`

const OVERVIEW_LINE = `(?:${[
  `${GROUP} \\d+ 人 · 近一年 ${M}`,
  `价值分层（近一年利润）：A \\d+人 ${T} · B \\d+人 ${T} · C \\d+人 ${T} · D \\d+人 ${T}`,
  `[ABCD]级 \\d+ 位（占客户 \\d+%）贡献了近一年 \\d+% 的利润`,
  '利润按消费额估算：\\d+ 种商品未录入成本，发“商品 列表”补录',
  '利润部分为估算：\\d+ 种商品未录入成本，按其余商品的平均毛利率 -?\\d+% 计，发“商品 列表”补录',
  '变化：还没有夜间分组记录（每晚自动分组后可对比）',
  `变化（\\d{2}-\\d{2} 夜间分组）：${T}`,
  '近一年消费前5：',
  `\\d\\. ${T} ${M} · ${GROUP}`,
  `（${T}）`,
  '漏斗：潜在 \\d+ → 新 \\d+ → 老 \\d+ → 忠诚 \\d+（沉睡 \\d+）',
  `地区：${T}`,
  `本月转化（截至 \\d{2}-\\d{2}）：${[['潜在', '新'], ['新', '老'], ['老', '忠诚']].map(([a, b]) => `${a}→${b} ${RATE}（\\d+/\\d+，上月 ${RATE}）`).join(' · ')}`,
].join('|')})`

/** products.ts productLine: `面膜（别名：补水面膜） · 每盒 · 售价¥99 · 成本¥45，毛利55% · 12单`. */
const PRODUCT_LINE = `${T} · (?:售价${M}|常见价${M}|价格未知) · (?:成本${M}(?:，毛利-?\\d+%)?|成本未录入) · \\d+单`

const LIST_LINE = `(?:\\d+\\. ${T} [ABCD]级 · ${T0}|第\\d+/\\d+页(?:，发“${T} \\d+”看下一页)?|（${T}）)`

type Count = '1' | '?' | '+' | '*'
/** One line pattern of a shape and how many lines in a row it takes. */
type Part = readonly [RegExp, Count]
const line = (source: string, count: Count = '1'): Part => [new RegExp(`^(?:${source})$`, 'u'), count]

/** Every documented reply, by name, as the lines it is made of (matched line by line, so in linear time). */
export const REPLY_SHAPES: ReadonlyArray<readonly [string, readonly Part[]]> = [
  // router
  ['hint', [line('没看懂这条消息。报单示例：张三 13800138000 面膜2盒 398 已付'), line('发“帮助”查看全部用法。')]],
  ['sent privately', [line('📩 已私聊发给你。')]],
  ['role only', [line(`“(?:${commandNames})”只有(?:管理员|代理)(?:、(?:管理员|代理))*可以使用。`)]],
  ['usage', [line(`用法：(?:${usages})`)]],
  ['ledger format', [line('格式如“(?:收款 张三 398|退款 张三 199|改 上一单 金额 298)”。')]],
  // orders
  ['order refused', [line('⚠️ 这条报单没有记录：'), line(`· ${REFUSED_DRAFT_LINE}`, '+'), line(`· ${ISSUE}`, '+'), line('请改好后重新发送。')]],
  ['order question', [line('❓ 我是这样理解的：'), line(`· ${DRAFT_LINE}`, '+'), line(`· ${ISSUE}`, '+'), line('回复“确认”按上面记录，回复“取消”放弃；也可以改好后重新发送。')]],
  ['order recorded', [line('✅ 已记录(?: \\d+ 单)?'), line(`${ORDER_LINE}(?:（新客户）)?`, '+'), line('有误请发“撤销”，或“改 上一单 金额 298”')]],
  ['phone of another agent', [line('⚠️ 这个电话已登记在别的代理或商家名下，这条报单没有记录。请联系管理员核对。')]],
  ['which customer', [line('⚠️ 没看出是哪位客户，请写上客户名字或电话，如“张三 13800138000 面膜2盒 398”。')]],
  ['same name', [line(`❓ 有\\d+位客户叫“${T}”（${TAILS}），请在报单里加上电话以便区分。这条报单还没有记录。`)]],
  ['nothing pending', [line('没有等待确认的报单。')]],
  ['cancelled', [line('已取消，这条报单没有记录。')]],
  // undo and corrections
  ['nothing to undo', [line('没有可以撤销的报单。')]],
  ['undo blocked', [line(`⚠️ ${NO} 已收款${M}，不能直接撤销。请先发“退款”，或用“改”修正。`)]],
  ['undone', [line(`↩️ 已撤销：${ORDER_LINE}`)]],
  ['correction unread', [line('⚠️ 没看懂要改什么：'), line(`· ${ISSUE}`, '+')]],
  ['nothing to correct', [line('没有可以修改的报单。')]],
  ['no such order', [line(`找不到可以修改的订单 ${NO}。`)]],
  ['amount below collected', [line(`⚠️ ${NO} 已收款${M}，金额不能改得比这更少。`)]],
  ['several lines', [line(`${NO} 有\\d+种商品，请重新报单或改金额。`)]],
  ['payment states', [line('付款状态只能改为：已付、未付、货到付款。')]],
  ['phone taken', [line(`⚠️ 电话 (?:${PHONE}) 已属于另一位客户，没有修改。`)]],
  ['correction same name', [line(`有\\d+位客户叫“${T}”，请用“改 上一单 电话 …”指明。`)]],
  ['corrected', [line(`✏️ 已修改：${ORDER_LINE}(?:（原金额 (?:待补|${M})）)?`)]],
  // payments and refunds
  ['movement refused', [line('⚠️ (?:收款|退款)没有记录：'), line(`· ${ISSUE}`, '+'), line('格式如“(?:收款 张三 398|退款 张三 199)”。')]],
  ['movement no customer', [line(`⚠️ (?:收款|退款)没有记录：(?:请写上客户名字或电话。|找不到客户“${T0}”。请核对名字，或用电话号码。|有\\d+位客户叫“${T0}”（${TAILS}），请改用电话号码。)`)]],
  ['payment recorded', [
    line(`✅ 已记录收款 ${T} ${M}`),
    line(`冲抵：${NO} ${M}(?:、${NO} ${M})*|没有未付的订单可冲抵`),
    line(`多出 ${M} 记为预收款`, '?'),
    line(OWED),
  ]],
  ['nothing to refund', [line(`⚠️ 退款没有记录：${T} 没有可退款的订单。`)]],
  ['refund too large', [line(`⚠️ 退款没有记录：${M} 超过了${T}任何一单可退的金额（最多 ${M}）。`)]],
  ['refund recorded', [line(`✅ 已记录退款 ${T} ${M}（${NO}(?:，该单已全额退款)?）`)]],
  // agents, help, settings
  ['agent name missing', [line('请写上代理的微信名，如“代理 (?:添加|删除) 小王”。')]],
  ['agent contact missing', [line(`找不到微信联系人“${T0}”。请确认对方是机器人账号的好友，或在群里 @对方：代理 添加 @${T}`)]],
  ['agent contact ambiguous', [line(`有\\d+个联系人叫“${T0}”，请在群里 @对方 添加，或先给对方设置一个唯一的备注名。`)]],
  ['agent already', [line(`${T} 已经是代理了(?:（已关联导入的 \\d+ 位客户）)?。`)]],
  ['agent added', [line(`✅ 已添加代理：${T}(?:（已关联导入的 \\d+ 位客户）)?。对方现在可以直接在群里或私聊报单了。`)]],
  ['agent unknown', [line(`没有叫“${T0}”的代理。发“代理 列表”查看。`)]],
  ['agent removed', [line(`✅ 已删除代理：${T}。TA 的客户和订单都保留着。(?:要交给别的代理，发“代理 转移 ${T} <新代理>”。)?`)]],
  ['transfer names missing', [line('请写上两位代理的名字，如“代理 转移 小王 小李”：把小王的客户都转给小李。')]],
  ['transfer to removed', [line(`${T} 已经不是代理了，不能接收客户。请先发“代理 添加 ${T}”。`)]],
  ['transfer same agent', [line(`“${T0}”和“${T0}”是同一位代理，不用转移。`)]],
  ['transfer nothing', [line(`${T} 名下没有客户，不用转移。`)]],
  ['transferred', [line(`✅ 已把 ${T} 的 \\d+ 位客户（\\d+ 单）转给 ${T}。以后这些客户的跟进提醒发给 ${T}。`)]],
  ['no agents', [line('还没有代理。发“代理 添加 <微信名>”添加。')]],
  ['agent list', [line('👥 代理 \\d+ 位：'), line(`· ${T}：客户 \\d+ 位，订单 \\d+ 单`, '+')]],
  ['help', [line('📋 (?:管理员|代理)可用：'), line('· 直接发报单 — 例如：'), line(`    ${T}`, '+'), line(`· (?:${usages}) — ${T}`, '+')]],
  ['products empty', [line('商品目录还是空的。报单后会自动记下商品；也可以发“商品 面膜 成本 45 售价 99”添加。')]],
  ['products pages', [line('商品目录共 \\d+ 页，请发“商品 列表 1”到“商品 列表 \\d+”。')]],
  ['products', [
    line('🛍 商品 \\d+ 种（按订单数排序）'),
    line(`\\d+\\. ${PRODUCT_LINE}`, '+'),
    line(`第\\d+/\\d+页(?:，发“商品 列表 \\d+”看下一页)?`, '?'),
    line(`近一年有 \\d+ 种商品的订单没有成本：${T}。发“商品 <名称> 成本 45 含历史”补录。`, '?'),
  ]],
  ['product', [line(`🛍 ${PRODUCT_LINE}`), line(`(?:最近成交单价：${M}(?:、${M})*|还没有带单价的订单)`)]],
  ['product unknown', [line(`商品目录里没有“${T0}”。发“商品 列表”查看，或发“商品 ${T0} 成本 45 售价 99”添加。`)]],
  ['product usage', [line(`(?:请写上商品名称。用法：${T}|没看懂“${T0}”。用法：${T}|“${T0}”不是金额，请写数字，如“${T}”。|“含历史”要和成本一起写，如“商品 面膜 成本 45 含历史”。|请写上别名，如“商品 ${T0} 别名 补水面膜”。|用法：商品 合并 <保留的名称> <并入的名称>，如“商品 合并 面膜 补水面膜”。)`)]],
  ['product saved', [
    line(`✅ (?:已添加|已更新|已加别名|已合并)：${PRODUCT_LINE}`),
    line(`(?:成本已写入 \\d+ 张历史订单，利润按新成本重算。|新成本从现在起的订单生效；要用于以前的订单，再发一次并加上“含历史”。|以后“${T0}”都算作“${T0}”。)`, '?'),
  ]],
  ['product alias taken', [line(`“${T0}”已经是单独的商品“${T0}”。要把它并入“${T0}”，请发“商品 合并 ${T0} ${T0}”。`)]],
  ['products same', [line(`“${T0}”和“${T0}”已经是同一个商品。`)]],
  ['settings', [line('⚙️ 当前设置：'), line(`· VIP群：${T}`), line('修改：设置 VIP群 <群名>｜设置（查看当前设置）')]],
  ['setting saved', [line(`✅ 已设置 VIP群：${T}`)]],
  ['vip room unknown, no rooms', [line(`❌ 机器人账号不在群「${T}」里，VIP群没有修改。`), line('机器人账号现在不在任何群里：先把它拉进 VIP 群，再发这条设置。')]],
  ['vip room unknown', [line(`❌ 机器人账号不在群「${T}」里，VIP群没有修改。`), line(`机器人账号所在的群：「${T}」(?: 等 \\d+ 个)?`), line('请发其中一个群名，或先把机器人账号拉进那个群。')]],
  // customers, lists, overview, charts, export, links
  ['no chart renderer', [line('这台机器上没有装画图组件，暂时不能发图表。')]],
  ['no chart data', [line('还没有客户数据，报单后再来看图表吧。')]],
  ['profile', [line(`👤 ${T}`), line(PROFILE_LINE, '+')]],
  ['customer phone unknown', [line('找不到电话为 \\d{11} 的客户。')]],
  ['customer unknown', [line(`找不到客户“${T0}”。可以用名字、11位电话，或“客户 张三 8000”（电话尾号）。`)]],
  ['customer hint unknown', [line(`“${T0}”里没有电话尾号或代理是“${T0}”的客户。`)]],
  ['customer ambiguous', [line(`有\\d+位客户叫“${T0}”，请加上电话尾号(?:或代理名)?，如“客户 ${T0} \\d+”：`), line(`\\d+\\. ${T}`, '+')]],
  ['list empty', [line(`${GROUP}客户(?:（${T}）)?：暂时没有。(?:（地区按报单里写的地址算）)?`)]],
  ['list pages', [line(`${GROUP}客户(?:（${T}）)?只有 \\d+ 页。`)]],
  ['list', [line(`${GROUP}客户(?:（${T}）)? \\d+ 位（${T}）`), line(LIST_LINE, '+')]],
  ['overview empty', [line(`📊 ${T0}(?:全部客户概览|的客户概览)`), line('还没有客户。报单后这里就会有数据。')]],
  ['overview', [line(`📊 ${T0}(?:全部客户概览|的客户概览)（截至 \\d{4}-\\d{2}-\\d{2}，共 \\d+ 位客户）`), line(OVERVIEW_LINE, '+')]],
  ['export', [line('📎 客户表：\\d+ 位客户')]],
  ['export unavailable', [line('导出暂不可用。')]],
  ['contact unknown', [line(`找不到名字或备注是“${T0}”的微信联系人。请先加为好友，或改用备注名。`)]],
  ['contact ambiguous', [line(`有\\d+位微信联系人叫“${T0}”，请先在微信里给要绑定的那位设个备注，再用备注绑定。`)]],
  ['contact taken', [line(`这位微信联系人已经绑定了客户 ${T}，请先发“解绑 ${T}”。`)]],
  ['contact is staff', [line(`“${T0}”是代理或管理员，不能绑定为客户。`)]],
  ['bound', [line(`✅ 已把客户 ${T} 绑定到微信联系人 ${T}。`)]],
  ['not bound', [line(`客户 ${T} 没有绑定微信。`)]],
  ['unbound', [line(`✅ 已解除客户 ${T} 的微信绑定。`)]],
  // type, tags, referrals, prospects
  ['kind set', [line(`✅ 已把客户 ${T} 设为(?:个人|企业)客户。`)]],
  ['kind same', [line(`客户 ${T} 已经是(?:个人|企业)客户。`)]],
  ['kind unknown', [line(`类型只能是“个人”或“企业”。用法：${esc('类型 <客户> 个人|企业')}`)]],
  ['tags none', [line(`客户 ${T} 还没有标签。加标签：标签 ${T} \\+注重品质`)]],
  ['tags', [line(`客户 ${T} 的标签：${T}`)]],
  ['tags refused', [line(`没有改动：${T}。`)]],
  ['tags changed', [
    line(`✅ 已加上：${T}`, '?'), line(`✅ 已去掉：${T}`, '?'), line(`本来就没有：${T}`, '?'),
    line(`标签已满 20 个，没有加上：${T}`, '?'), line('这些标签都已经有了。', '?'), line(`客户 ${T} 现在的标签：${T}`),
  ]],
  ['tagged none', [line(`没有带“${T0}”标签的客户(?:，也还没有客户有标签。|。常用的标签：${T})`)]],
  ['tagged pages', [line(`带“${T0}”标签的客户只有 \\d+ 页。`)]],
  ['tagged', [line(`带“${T0}”标签的客户 \\d+ 位（先列价值高的）`), line(`\\d+\\. ${T} (?:[ABCD]级 · ${GROUP}|还没有有效订单)(?: · 企业)?`, '+'), line(`第\\d+/\\d+页(?:，发“${T}”看下一页)?`)]],
  ['referrer cleared', [line(`(?:✅ 已清除客户 ${T} 的介绍人。|客户 ${T} 没有记介绍人。)`)]],
  ['referrer refused', [line(`(?:介绍人：${T}|客户不能是自己的介绍人。|${T} 是 ${T} 介绍来的（或间接介绍来的），不能反过来记。|客户 ${T} 的介绍人已经是 ${T}。)`)]],
  ['referrer set', [line(`✅ 已记下：${T} 是 ${T} 介绍来的(?:（原来记的是 ${T}）)?。`)]],
  ['referrers none', [line('还没有记下介绍关系。记法：“介绍人 <客户> <介绍人>”，或在报单里写“张姐介绍”。')]],
  ['referrers pages', [line('推荐之星只有 \\d+ 页。')]],
  ['referrers', [line('推荐之星 \\d+ 位（按带来的消费排序）'), line(`\\d+\\. ${T} 介绍 \\d+ 位，\\d+ 位已下单，带来 ${M}`, '+'), line(`第\\d+/\\d+页(?:，发“推荐之星 \\d+”看下一页)?`)]],
  ['prospect name missing', [line(`请先写意向客户的名字。用法：${esc('意向 <名字> [电话] [来源] [说明]（来源：朋友圈、群、转介绍、扫码、展会、搜索、其他）｜意向 分配 <名字> <代理>')}`)]],
  ['prospect phone of another', [line('⚠️ 这个电话已登记在别的代理或商家名下，没有记录。请联系管理员核对。')]],
  ['prospect is customer', [line(`${T} 已经是客户了，发“客户 ${T}”查看。`)]],
  ['prospect recorded', [line(`✅ 已记为意向客户：${T}（来源：${SOURCE}）`), line(`意向等级：[ABC] · ${T}`), line('还没有分给代理：发“意向 分配 <名字> <代理>”交给一位代理跟进。', '?')]],
  ['prospect updated', [line(`✅ (?:已补充意向客户 ${T} 的信息|已记下对 ${T} 的跟进)。`), line(`意向等级：[ABC] · ${T}`)]],
  ['prospect assign', [line(`(?:只有管理员可以分配意向客户。|用法：意向 分配 <名字> <代理>|找不到代理“${T0}”。发“代理 列表”查看。|${T} 不是还没下单的意向客户。要转交客户，发“代理 转移”。|✅ 已把意向客户 ${T} 分给 ${T} 跟进。)`)]],
  ['not a prospect', [line(`${T} 不是还没下单的意向客户。客户的跟进请直接联系，或发“客户 ${T}”看建议。`)]],
  ['prospects none', [line(`(?:还没有意向客户。记一位：意向 刘姐 13811112222 朋友圈 问面膜怎么买|[ABC]级意向客户：暂时没有（共 \\d+ 位意向客户）。|(?:[ABC]级)?意向客户只有 \\d+ 页。)`)]],
  ['prospects', [
    line(`(?:[ABC]级)?意向客户 \\d+ 位（A \\d+ · B \\d+ · C \\d+；A 级在前）`),
    line(`\\d+\\. ${T} [ABC]级 · ${SOURCE} · (?:今天联系过|\\d+天前联系) · ${T}`, '+'),
    line(`第\\d+/\\d+页(?:，发“${T}”看下一页)?`),
  ]],
  // scheduled jobs
  ['jobs disabled', [line('定时任务没有启用。')]],
  ['job list', [
    line('⏰ 定时任务（时间为 cron 写法：分 时 日 月 周）：'),
    line(`· [a-z]+（${T}）：${T}；(?:时间 [\\d*/, -]+|不定时)；上次运行 ${T}`, '+'),
    line(`用法：${esc('任务 <名称> [预览]｜任务（列出全部任务）')}`),
  ]],
  ['job unknown', [line(`没有叫“${T0}”的任务。可用的任务：${T}`)]],
  ['job busy', [line(`⏳ 任务「${T}」正在运行，请稍后再试。`)]],
  ['job preview', [line(`🔍 预览「${T}」（[a-z]+），不会保存，也不会发送：`), line(T, '+')]],
  ['job run', [line(`✅ 已运行「${T}」（[a-z]+）：`), line(T, '+')]],
  // customers writing to the bot
  ['opted out', [line('好的，以后不再给你发送活动和提醒消息。想恢复时回复“订阅”即可。')]],
  ['opted in', [line('好的，已恢复，之后有活动会再通知你。')]],
  ['own order', [line(`✅ 已收到您的订单：${T0}。我们会尽快和您确认。`)]],
  ['own order passed on', [line('📨 收到！这条订单已转给负责您的同事，TA 会尽快和您确认。')]],
]

/** Whether the lines fit the parts, in order (greedy: the parts of one shape never match each other's lines). */
function fits(lines: readonly string[], parts: readonly Part[]): boolean {
  let i = 0
  for (const [re, count] of parts) {
    let n = 0
    const most = count === '1' || count === '?' ? 1 : Infinity
    while (n < most && i < lines.length && re.test(lines[i]!)) {
      i++
      n++
    }
    if (n === 0 && (count === '1' || count === '+')) return false
  }
  return i === lines.length
}

/** The name of the documented shape a reply has, or null. */
export function replyShape(text: string): string | null {
  const lines = text.split('\n')
  for (const [name, parts] of REPLY_SHAPES) if (fits(lines, parts)) return name
  return null
}

/** Words and signs that only a bug can put in a reply (a leaked value, a stack, an English error). */
const LEAKS = /undefined|NaN|Infinity|\bnull\b|\[object |\d[eE][+-]?\d|Error\b|\n\s+at |Cannot |is not /gu
/** Control characters, lone surrogates, bidi overrides and other invisible format characters. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u
/** English words the documented replies themselves contain (job names, attachment names in previews). */
const OWN_WORDS = new Set(['cron', 'VIP', 'CSV', 'Excel', 'png', 'csv', 'reclassify', 'digest', 'nudge', 'reactivate', 'invite', 'perks'])

/**
 * Problems with a reply beyond its shape: leaked values, unprintable characters, or English words the bot
 * did not get from the chat. `seen` holds what the conversation itself wrote (see `echoable`).
 */
export function replyProblems(text: string, seen: ReadonlySet<string>): string[] {
  const problems: string[] = []
  for (const figure of inexactMoney(text)) if (!seen.has(figure)) problems.push(`inexact amount ${figure}`)
  for (const m of text.matchAll(LEAKS)) if (!seen.has(m[0])) problems.push(`leak “${m[0]}”`)
  const unprintable = UNPRINTABLE.exec(text.replaceAll('\n', ''))
  if (unprintable) problems.push(`unprintable U+${unprintable[0].codePointAt(0)!.toString(16)}`)
  for (const word of text.match(/[A-Za-z]{3,}/g) ?? []) {
    if (!OWN_WORDS.has(word) && !seen.has(word)) problems.push(`english “${word}”`)
  }
  return problems
}

const MONEY_FIGURE = /¥[\d,]+(?:\.\d+)?/gu

/** Amounts quoted as `¥…` that no integer number of fen can hold exactly (`¥9,999,999,800,000,002.28`). */
export function inexactMoney(text: string): string[] {
  return [...text.matchAll(MONEY_FIGURE)].map(m => m[0]).filter((figure) => {
    const [yuan = '', cents = ''] = figure.slice(1).replaceAll(',', '').split('.')
    return BigInt(yuan || '0') * 100n + BigInt(cents.padEnd(2, '0').slice(0, 2)) > BigInt(Number.MAX_SAFE_INTEGER)
  })
}

/**
 * What a reply may quote back from a message: its Latin words, `¥` figures and the leak-like bits it really
 * contains (`1e30`), in the message as written and as the router and parser read it (invisible characters gone).
 */
export function echoable(text: string): string[] {
  const out: string[] = []
  const nfkc = text.normalize('NFKC')
  for (const form of [nfkc, normalizeText(nfkc), normalizeText(stripUnprintable(nfkc))]) {
    out.push(...form.match(/[A-Za-z]{3,}/g) ?? [], ...form.match(MONEY_FIGURE) ?? [])
    // Overlapping, so `1e0e308` yields `1e0` and `0e3`.
    for (const m of form.matchAll(new RegExp(`(?=(${LEAKS.source}))`, 'gu'))) out.push(m[1]!)
  }
  return out
}
