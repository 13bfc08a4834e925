/**
 * Configuration: one JSON file plus environment variables that override it, checked with zod.
 * Pure: `main.ts` reads the file and the environment and passes them in.
 */
import { validate as isCron } from 'node-cron'
import { z } from 'zod'
import { DEFAULT_GRADE_TABLE } from '../domain/customer/prospect.js'
import { MERCHANT_NAME_RE, MERCHANT_NAME_RULE } from '../domain/merchant-name.js'
import { DEFAULT_NUDGE_TEMPLATE, NUDGE_PLACEHOLDERS } from '../domain/outreach/nudge.js'
import { DEFAULT_PERK_TEMPLATE } from '../domain/outreach/perks.js'
import { DEFAULT_REACTIVATION_TEMPLATES } from '../domain/outreach/reactivate.js'
import { parseClockTime } from '../domain/outreach/quiet-hours.js'
import { classifyConfigSchema } from './segments/policy-config.js'

export const ENV_KEYS = {
  config: 'WXCRM_CONFIG',
  db: 'WXCRM_DB',
  databaseUrl: 'WXCRM_DATABASE_URL',
  merchant: 'WXCRM_MERCHANT',
  admins: 'WXCRM_ADMINS',
  timezone: 'WXCRM_TZ',
  token: 'WECHATY_PUPPET_SERVICE_TOKEN',
  endpoint: 'WECHATY_PUPPET_SERVICE_ENDPOINT',
  noTls: 'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT',
} as const

export const DEFAULT_CONFIG_FILE = 'wxcrm.config.json'

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  }
  catch {
    return false
  }
}

const clockTime = z.string().refine(t => parseClockTime(t) !== null, '需要 时:分，如 21:30')
const cron = z.string().trim().refine(c => c.split(/\s+/).length === 5 && isCron(c), '需要 5 段的 cron 表达式（分 时 日 月 周），如 0 2 * * *')
/** A template whose `{placeholders}` are all among `known`. */
const template = (known: readonly string[]) => z.string().trim().min(1).refine(
  t => [...t.matchAll(/\{(\w+)\}/g)].every(m => known.includes(m[1]!)), `占位符只能是 ${known.map(k => `{${k}}`).join('、')}`)
const cap = z.number().int().min(0).max(10_000)
const gap = z.number().min(0).max(600)

/** The send queue's pacing (WECHATY.md §6.6): gaps, daily caps per kind, quiet hours, retries. */
const sendingSchema = z.strictObject({
  gapSeconds: z.strictObject({ min: gap.default(3), max: gap.default(8) })
    .refine(g => g.min <= g.max, 'min 不能大于 max').prefault({}),
  dailyCaps: z.strictObject({
    digest: cap.default(10), nudge: cap.default(200), reactivation: cap.default(50), invite: cap.default(20), perk: cap.default(50), alert: cap.default(100),
  }).prefault({}),
  quietHours: z.strictObject({ start: clockTime.default('21:30'), end: clockTime.default('08:30') }).prefault({}),
  retry: z.strictObject({
    maxAttempts: z.number().int().min(1).max(20).default(5),
    firstDelaySeconds: z.number().int().min(1).max(86_400).default(30),
    maxDelaySeconds: z.number().int().min(1).max(86_400).default(1800),
  }).prefault({}),
})

const configSchema = z.strictObject({
  dbPath: z.string().min(1, '需要一个文件路径，如 data/db.json').default('data/db.json'),
  /** A PostgreSQL server instead of the database file (`dbPath` is then not used). */
  database: z.strictObject({
    url: z.string().regex(/^postgres(ql)?:\/\/\S+$/, '需要 PostgreSQL 连接串，如 postgres://用户:密码@127.0.0.1:5432/wxcrm').optional(),
  }).prefault({}),
  /** Whose data this bot keeps, in a database shared by several merchants. */
  merchant: z.string().regex(MERCHANT_NAME_RE, MERCHANT_NAME_RULE).default('default'),
  admins: z.array(z.string().trim().min(1, '管理员不能是空字符串')).default([]),
  timezone: z.string().refine(isTimezone, '需要 IANA 时区名，如 Asia/Shanghai').default('Asia/Shanghai'),
  orderGroups: z.array(z.string().min(1)).default([]),
  /** Groups of (would-be) customers: whoever joins one (or the VIP room) is recorded as a prospect. */
  customerGroups: z.array(z.string().min(1)).default([]),
  adminCodeMinutes: z.number().int().min(1).max(1440).default(30),
  loginGraceSeconds: z.number().int().min(10).max(3600).default(90),
  /** Gateway outages at least this long are reported to the admins once the bot is back; shorter ones are only logged. */
  outageReportSeconds: z.number().int().min(0).max(86_400).default(30),
  staleSeconds: z.number().int().min(0).max(86_400).default(120),
  backupsKept: z.number().int().min(0).max(365).default(7),
  /** Classification thresholds; anything left out keeps its default (src/domain/segment/policy.ts). */
  classify: classifyConfigSchema.default({}),
  sending: sendingSchema.prefault({}),
  /** When each scheduled job runs, in `timezone`. */
  schedule: z.strictObject({
    reclassify: cron.default('0 2 * * *'), digest: cron.default('0 9 * * *'), nudge: cron.default('30 9 * * *'),
    reactivate: cron.default('0 10 * * *'), invite: cron.default('30 10 * * *'), perks: cron.default('45 10 * * *'),
  }).prefault({}),
  /** Message templates with `{placeholders}` (DESIGN.md §7). */
  templates: z.strictObject({
    nudge: template(NUDGE_PLACEHOLDERS).default(DEFAULT_NUDGE_TEMPLATE),
    reactivation: z.array(template(['name', 'product', 'days'])).min(1, '至少要一条模板').default([...DEFAULT_REACTIVATION_TEMPLATES]),
    perk: template(['name', 'milestone']).default(DEFAULT_PERK_TEMPLATE),
  }).prefault({}),
  /** The perks job's milestones: the nth order, spend within a calendar year, the first order's anniversary. */
  perks: z.strictObject({
    nthOrder: z.number().int().min(1).max(1000).default(10),
    yearlySpendYuan: z.number().min(1).max(10_000_000).default(5000),
    anniversary: z.boolean().default(true),
    /** A perk for the referrer when the first customer they brought places an order that stands. */
    referral: z.boolean().default(true),
  }).prefault({}),
  /** Prospects (潜在客户, 意向): the lead-grade table (domain/customer/prospect.ts), when a grade decays, when to remind the agent. */
  prospects: z.strictObject({
    decayDays: z.number().int().min(1).max(365).default(30),
    /** A prospect not heard from or followed up for this many days is in the agent's morning nudge. */
    followUpDays: z.number().int().min(1).max(90).default(3),
    referralLift: z.boolean().default(true),
    grades: z.array(z.strictObject({ grade: z.enum(['A', 'B', 'C']), needs: z.array(z.enum(['product', 'quantity', 'terms', 'price'])) }))
      .min(1, '至少要一行规则').refine(t => t.at(-1)!.needs.length === 0, '最后一行的 needs 要为空（每位意向客户都要有个等级）')
      .default(DEFAULT_GRADE_TABLE.map(r => ({ grade: r.grade, needs: [...r.needs] }))),
  }).prefault({}),
  /** Lifecycle stages (潜在/新/老/成熟/忠诚/沉睡): orders that make a customer 成熟. */
  lifecycle: z.strictObject({ matureOrders: z.number().int().min(3).max(1000).default(10) }).prefault({}),
  /** The reactivate job: days between two messages to the same customer. */
  reactivation: z.strictObject({ minDays: z.number().int().min(1).max(365).default(30) }).prefault({}),
  gateway: z.strictObject({
    token: z.string().regex(/^[\w.-]+_\S+$/, '需要带前缀的网关令牌，如 puppet_workpro_xxxxxxxx').optional(),
    endpoint: z.string().regex(/^[\w.-]+:\d{1,5}$/, '需要 主机:端口，如 127.0.0.1:8788').optional(),
    noTlsInsecureClient: z.boolean().default(false),
    timeoutSeconds: z.number().int().min(10).max(3600).default(60),
  }).default({ noTlsInsecureClient: false, timeoutSeconds: 60 }),
})

export type Config = z.infer<typeof configSchema>

/** Bad configuration: names the key (and the variable it came from) and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly key: string, readonly detail: string) {
    super(`配置错误：${key} ${detail}`)
  }
}

export interface ConfigSources {
  /** Text of the config file, when there is one. */
  fileText?: string | null
  filePath?: string
  env: Readonly<Record<string, string | undefined>>
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, 1: true, yes: true, false: false, 0: false, no: false }

/** Builds the configuration from the file and the environment, or throws ConfigError. */
export function parseConfig(sources: ConfigSources): Config {
  const file = sources.filePath ?? DEFAULT_CONFIG_FILE
  let raw: Record<string, unknown> = {}
  if (sources.fileText !== undefined && sources.fileText !== null && sources.fileText.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(sources.fileText)
    }
    catch (e) {
      throw new ConfigError(`配置文件 ${file}`, `不是有效的 JSON：${(e as Error).message}`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ConfigError(`配置文件 ${file}`, '应是一个 JSON 对象，如 {"admins": ["老板"]}')
    raw = parsed as Record<string, unknown>
  }
  const origin = new Map<string, string>()
  const env = sources.env
  const set = (key: string, value: unknown, from: string): void => {
    raw[key] = value
    origin.set(key, from)
  }
  if (env[ENV_KEYS.db]) set('dbPath', env[ENV_KEYS.db], ENV_KEYS.db)
  if (env[ENV_KEYS.databaseUrl]) {
    raw.database = { ...(typeof raw.database === 'object' && raw.database ? raw.database : {}), url: env[ENV_KEYS.databaseUrl] }
    origin.set('database.url', ENV_KEYS.databaseUrl)
  }
  if (env[ENV_KEYS.merchant]) set('merchant', env[ENV_KEYS.merchant], ENV_KEYS.merchant)
  if (env[ENV_KEYS.admins] !== undefined && env[ENV_KEYS.admins] !== '')
    set('admins', env[ENV_KEYS.admins]!.split(/[,，]/).map(s => s.trim()).filter(Boolean), ENV_KEYS.admins)
  if (env[ENV_KEYS.timezone]) set('timezone', env[ENV_KEYS.timezone], ENV_KEYS.timezone)
  const gateway = { ...(typeof raw.gateway === 'object' && raw.gateway ? raw.gateway : {}) } as Record<string, unknown>
  if (env[ENV_KEYS.token]) {
    gateway.token = env[ENV_KEYS.token]
    origin.set('gateway.token', ENV_KEYS.token)
  }
  if (env[ENV_KEYS.endpoint]) {
    gateway.endpoint = env[ENV_KEYS.endpoint]
    origin.set('gateway.endpoint', ENV_KEYS.endpoint)
  }
  const noTls = env[ENV_KEYS.noTls]
  if (noTls !== undefined && noTls !== '') {
    const flag = BOOLEAN_WORDS[noTls.toLowerCase()]
    if (flag === undefined) throw new ConfigError(`${ENV_KEYS.noTls}`, `的值“${noTls}”无效：只能是 true 或 false`)
    gateway.noTlsInsecureClient = flag
  }
  if (Object.keys(gateway).length > 0) raw.gateway = gateway

  const result = configSchema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const key = issue.path.join('.') || '(顶层)'
    const from = origin.get(key)
    const value = issue.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey], raw)
    const shown = value === undefined ? '' : `的值 ${JSON.stringify(value)} `
    const message = issue.code === 'unrecognized_keys'
      ? `有不认识的配置项 ${issue.keys.join(', ')}；可用的有：${keysAt(issue.path).join(', ')}`
      : `${shown}无效：${issue.message}`
    throw new ConfigError(from ? `${key}（来自环境变量 ${from}）` : key, message)
  }
  return result.data
}

/** The keys allowed in the object at `path` of the configuration (for unrecognized keys). */
function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType = configSchema
  for (const p of ['', ...path]) {
    if (p !== '') schema = (schema as z.ZodObject).shape[p as string] ?? schema
    while (['default', 'prefault', 'optional'].includes(schema._zod.def.type))
      schema = (schema._zod.def as unknown as { innerType: z.core.$ZodType }).innerType
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}

/** Whether the bot should connect to a real gateway (else local mode). */
export function isGatewayMode(config: Config): boolean {
  return Boolean(config.gateway.token)
}
