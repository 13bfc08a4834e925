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
  ])('stops on a bad config file %s', (fileText, message) => {
    expect(errorOf(() => parseConfig({ fileText, env: {} })).message).toMatch(message)
  })
})
