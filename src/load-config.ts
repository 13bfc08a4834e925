/** Reads the config file named by WXCRM_CONFIG (or the default) and the environment into a Config. */
import { existsSync, readFileSync } from 'node:fs'
import { ConfigError, DEFAULT_CONFIG_FILE, ENV_KEYS, parseConfig, type Config } from './app/config.js'

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const path = env[ENV_KEYS.config] || DEFAULT_CONFIG_FILE
  if (env[ENV_KEYS.config] && !existsSync(path))
    throw new ConfigError(ENV_KEYS.config, `指向的配置文件 ${path} 不存在`)
  const fileText = existsSync(path) ? readFileSync(path, 'utf8') : null
  return parseConfig({ fileText, filePath: path, env })
}
