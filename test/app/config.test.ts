import { describe, expect, it } from 'vitest'
import { ConfigError, isGatewayMode, parseConfig } from '../../src/app/config.js'

const errorOf = (f: () => unknown): ConfigError => {
  try {
    f()
  }
  catch (e) {
    return e as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('has sensible defaults with no file and no environment', () => {
    const c = parseConfig({ env: {} })
    expect(c.dbPath).toBe('data/db.json')
    expect(c.timezone).toBe('Asia/Shanghai')
    expect(c.admins).toEqual([])
    expect(isGatewayMode(c)).toBe(false)
  })

  it('paces outbound messages and schedules jobs by default, and takes partial overrides', () => {
    const c = parseConfig({ env: {} })
    expect(c.sending).toEqual({
      gapSeconds: { min: 3, max: 8 },
      dailyCaps: { digest: 10, nudge: 200, reactivation: 50, invite: 20, perk: 50, alert: 100 },
      quietHours: { start: '21:30', end: '08:30' },
      retry: { maxAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 1800 },
    })
    expect(c.schedule).toEqual({ reclassify: '0 2 * * *', digest: '0 9 * * *', nudge: '30 9 * * *', reactivate: '0 10 * * *', invite: '30 10 * * *', perks: '45 10 * * *' })
    const o = parseConfig({ fileText: '{"sending": {"dailyCaps": {"invite": 5}, "quietHours": {"end": "09:00"}}, "schedule": {"reclassify": " 30 3 * * * "}}', env: {} })
    expect(o.sending.dailyCaps).toMatchObject({ invite: 5, nudge: 200 })
    expect(o.sending.quietHours).toEqual({ start: '21:30', end: '09:00' })
    expect(o.schedule.reclassify).toBe('30 3 * * *')
  })

  it('has perk milestones and a perk template by default, and takes overrides', () => {
    const c = parseConfig({ env: {} })
    expect(c.perks).toEqual({ nthOrder: 10, yearlySpendYuan: 5000, anniversary: true, referral: true })
    expect(c.lifecycle).toEqual({ matureOrders: 10 })
    expect(c.templates.perk).toContain('{milestone}')
    const o = parseConfig({ fileText: '{"perks": {"nthOrder": 5}, "templates": {"perk": "{name}：{milestone}"}}', env: {} })
    expect([o.perks.nthOrder, o.perks.yearlySpendYuan, o.templates.perk]).toEqual([5, 5000, '{name}：{milestone}'])
    expect(() => parseConfig({ fileText: '{"templates": {"perk": "{name}{gift}"}}', env: {} })).toThrow(/templates\.perk/)
  })

  it('lets environment variables override the file', () => {
    const c = parseConfig({
      fileText: JSON.stringify({ dbPath: 'a.json', admins: ['x'], timezone: 'Asia/Tokyo' }),
      env: { WXCRM_DB: '/tmp/b.json', WXCRM_ADMINS: '老板, wxid_123，阿芳', WXCRM_TZ: 'Asia/Shanghai' },
    })
    expect(c.dbPath).toBe('/tmp/b.json')
    expect(c.admins).toEqual(['老板', 'wxid_123', '阿芳'])
    expect(c.timezone).toBe('Asia/Shanghai')
  })

  it('reads the gateway settings from Wechaty\'s own variables', () => {
    const c = parseConfig({ env: { WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_abc', WECHATY_PUPPET_SERVICE_ENDPOINT: '10.0.0.2:8788', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true' } })
    expect(c.gateway).toMatchObject({ token: 'puppet_workpro_abc', endpoint: '10.0.0.2:8788', noTlsInsecureClient: true })
    expect(isGatewayMode(c)).toBe(true)
  })

  it.each([
    [{ WXCRM_TZ: 'Mars/Olympus' }, /timezone（来自环境变量 WXCRM_TZ）[\s\S]*Mars\/Olympus[\s\S]*Asia\/Shanghai/],
    [{ WECHATY_PUPPET_SERVICE_TOKEN: 'nosniprefix' }, /gateway\.token（来自环境变量 WECHATY_PUPPET_SERVICE_TOKEN）[\s\S]*前缀/],
    [{ WECHATY_PUPPET_SERVICE_ENDPOINT: 'localhost' }, /gateway\.endpoint[\s\S]*主机:端口/],
    [{ WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'maybe' }, /WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT[\s\S]*true 或 false/],
  ])('stops on a bad environment value %j, naming the key and what is allowed', (env, message) => {
    const e = errorOf(() => parseConfig({ env }))
    expect(e).toBeInstanceOf(ConfigError)
    expect(e.message).toMatch(message)
  })

  it.each([
    ['{"admins": "老板"}', /admins/],
    ['{"backupsKept": -1}', /backupsKept/],
    ['{"dbpath": "x.json"}', /dbpath[\s\S]*dbPath/],
    ['{not json', /配置文件 wxcrm\.config\.json[\s\S]*JSON/],
    ['[1,2]', /JSON 对象/],
    ['{"schedule": {"reclassify": "61 * * * *"}}', /schedule\.reclassify[\s\S]*5 段的 cron/],
    ['{"schedule": {"reclassify": "0 0 2 * * *"}}', /schedule\.reclassify[\s\S]*5 段的 cron/],
    ['{"schedule": {"digset": "0 9 * * *"}}', /schedule 有不认识的配置项 digset；可用的有：reclassify, digest, nudge, reactivate, invite, perks$/],
    ['{"templates": {"reactivation": []}}', /templates\.reactivation .*至少要一条模板/],
    ['{"reactivation": {"minDays": 0}}', /reactivation\.minDays/],
    ['{"schedule": {"nudge": "30 25 * * *"}}', /schedule\.nudge .*无效/],
    ['{"templates": {"nudge": "{name}，{price}"}}', /templates\.nudge .*占位符只能是 \{name\}、\{product\}、\{days\}、\{reason\}/],
    ['{"sending": {"gapSeconds": {"min": 9}}}', /sending\.gapSeconds[\s\S]*min 不能大于 max/],
    ['{"sending": {"quietHours": {"start": "9pm"}}}', /sending\.quietHours\.start[\s\S]*21:30/],
    ['{"sending": {"dailyCaps": {"nudge": -1}}}', /sending\.dailyCaps\.nudge/],
  ])('stops on a bad config file %s', (fileText, message) => {
    expect(errorOf(() => parseConfig({ fileText, env: {} })).message).toMatch(message)
  })
})
