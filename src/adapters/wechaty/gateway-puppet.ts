/**
 * PuppetService with a payload cache that is opened only once its last close has finished.
 *
 * PuppetService keeps contacts, rooms and room members in three LevelDB stores under
 * `~/.wechaty/wechaty-puppet-service/<token>/…` (WECHATY.md 1.3). It opens them in a `login` listener
 * and closes them, one after the other, in a `logout` listener that nobody awaits. A stop followed by a
 * start (the supervisor's restart, the watchdog's reset, a bot restarted in the same process) could
 * therefore open a store whose previous close was still running. LevelDB refuses that with
 * `IO error: lock …/room-payload/LOCK: already held by process`, which level emits as an `error` event
 * with no listener: an uncaught exception. It happened on a busy machine, where the closes are slow.
 *
 * Here the opening waits for every pending close of the same directory, and `stop()` resolves only once
 * this instance's stores are closed.
 */
import { PuppetService } from 'wechaty-puppet-service'

type PuppetServiceOptions = NonNullable<ConstructorParameters<typeof PuppetService>[0]>

/** Per cache directory (one per token): the closes still running in this process. */
const closing = new Map<string, Promise<void>>()

function closed(dir: string): Promise<void> {
  return closing.get(dir) ?? Promise.resolve()
}

export class GatewayPuppet extends PuppetService {
  readonly #dir: string

  constructor(options: PuppetServiceOptions = {}) {
    super(options)
    const store = this._payloadStore
    // Protected in PayloadStore; element access is TypeScript's way to read it from outside.
    this.#dir = store['storeDir']
    const start = store.start.bind(store)
    const stop = store.stop.bind(store)
    let stops = 0
    store.stop = () => {
      stops++
      // The original drops the stores at once (synchronously) and then closes them.
      const done = stop()
      const all = Promise.all([closed(this.#dir), done.catch(() => {})]).then(() => {})
      closing.set(this.#dir, all)
      void all.then(() => {
        if (closing.get(this.#dir) === all) closing.delete(this.#dir)
      })
      return done
    }
    store.start = async (accountId: string) => {
      const seen = stops
      await closed(this.#dir)
      // Logged out again while waiting: the next login opens the stores.
      if (stops !== seen) return
      await start(accountId)
    }

    // The puppet emits `logout` (which starts closing the stores) inside `stop()`, after `onStop()`;
    // `stop` is typed as a property of the mixin class, so it is wrapped here rather than overridden.
    const stopPuppet = this.stop.bind(this)
    this.stop = async () => {
      await stopPuppet()
      await closed(this.#dir)
    }
  }
}
