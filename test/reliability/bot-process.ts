/**
 * The bot as an operator runs it, but without npm in between: `node --import tsx src/main.ts` in a
 * child process of its own group, configured by environment variables, talking to a test gateway.
 * A SIGKILL to the group therefore hits the bot itself, and /proc/<pid> is the bot's own memory.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { waitFor, type Gateway } from '../helpers/gateway.js'

export interface BotProcessOptions {
  gateway: Gateway
  dbFile: string
  /** The config file (JSON) the bot reads through WXCRM_CONFIG. */
  configFile: string
  /** $HOME of the bot: wechaty-puppet-service keeps its payload cache there. */
  home: string
  admins?: string
  /** Extra `node` flags, e.g. `--expose-gc`. */
  nodeArgs?: string[]
  /** Modules loaded (after tsx) before the bot, e.g. a memory probe. */
  preload?: string[]
  /**
   * Run the bot at this niceness (`nice -n`, all its threads): a harness restarting bots all the time
   * then leaves the CPU to other tests first (tsx's signal relay, in `npm start`, gives its child only
   * 30 ms to acknowledge a SIGTERM before it kills it).
   */
  nice?: number
  /**
   * Start the bot under a parent that never waits for its children (`sh -c '… & exec sleep …'`), so a
   * bot killed on its own stays a zombie until that parent goes. `pid` and the group are then the
   * parent's; the bot's own pid is in its database lock.
   */
  unreaped?: boolean
  env?: Record<string, string>
}

export interface BotProcess {
  readonly pid: number
  /** Everything the bot wrote to stdout and stderr (the last 200 kB). */
  output(): string
  /** Resolves once the bot logged in to the gateway (its own log line says so). */
  loggedIn(timeoutMs?: number): Promise<void>
  /** Whether the process has exited. */
  exited(): boolean
  /** Sends SIGKILL to the process group at once (safe to call from a synchronous listener). */
  signalKill(): void
  /** SIGKILL to the process group, resolved when the bot is gone (no chance to save anything). */
  kill(): Promise<void>
  /** SIGTERM (a normal stop) and wait for the exit; the exit code. */
  stop(): Promise<number | null>
  /** The bot's resident set size from /proc, in MB. */
  rssMb(): number
}

const OUTPUT_KEPT = 200_000

export function startBotProcess(options: BotProcessOptions): BotProcess {
  const preload = (options.preload ?? []).flatMap(p => ['--import', p])
  const node = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', ...preload, 'src/main.ts']
  // `nice` execs node, so the pid (and the process group) is the bot's own.
  const niced = options.nice ? ['nice', '-n', String(options.nice), ...node] : node
  const command = options.unreaped ? ['sh', '-c', '"$@" & exec sleep 3600', 'sh', ...niced] : niced
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: process.cwd(),
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOME: options.home,
      WXCRM_CONFIG: options.configFile,
      WXCRM_DB: options.dbFile,
      WXCRM_ADMINS: options.admins ?? '老板',
      WECHATY_PUPPET_SERVICE_TOKEN: options.gateway.token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: options.gateway.endpoint,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('the bot process did not start')
  let output = ''
  const keep = (d: Buffer): void => {
    output += d.toString()
    if (output.length > OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let code: number | null | undefined
  const exit = new Promise<number | null>(resolve => child.once('exit', (c) => {
    code = c
    resolve(c)
  }))
  const signal = (name: NodeJS.Signals): void => {
    if (code !== undefined) return
    try {
      process.kill(-pid, name)
    }
    catch {
      // The group is gone already.
    }
  }

  return {
    pid,
    output: () => output,
    async loggedIn(timeoutMs = 60_000) {
      await waitFor(() => output.includes('INFO logged in') || code !== undefined, timeoutMs, `login of bot pid ${pid}; output:\n${output.slice(-3000)}`)
      if (!output.includes('INFO logged in')) throw new Error(`the bot exited (code ${code}) before logging in; output:\n${output.slice(-3000)}`)
    },
    exited: () => code !== undefined,
    signalKill: () => signal('SIGKILL'),
    async kill() {
      signal('SIGKILL')
      await exit
    },
    async stop() {
      signal('SIGTERM')
      return exit
    },
    rssMb() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1]) / 1024
    },
  }
}
