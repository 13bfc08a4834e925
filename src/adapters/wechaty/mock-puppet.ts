/**
 * The stock mock puppet with the gaps filled that a bot needs (WECHATY.md 5.2–5.3): it logs the
 * merchant's account in by itself on start (so it can stand behind a PuppetServer as a local
 * gateway), sends `ready` and heartbeats, accepts any FileBox, and invites rather than adds people
 * to rooms of 40 or more members. Used by local mode and by the end-to-end tests.
 */
import { FileBox, type FileBoxInterface } from 'file-box'
import { mock, PuppetMock } from 'wechaty-puppet-mock'

export interface LocalPuppetOptions {
  mocker?: mock.Mocker
  /** Name of the bot's own account; it logs in on every start. */
  selfName?: string
  /** Send a heartbeat this often while logged in (keeps a PuppetService client's watchdog fed). */
  heartbeatMs?: number
  inviteThreshold?: number
}

export class LocalPuppet extends PuppetMock {
  readonly invitations: { roomId: string, contactId: string }[] = []
  readonly selfContact: mock.ContactMock | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined
  readonly #options: LocalPuppetOptions

  constructor(options: LocalPuppetOptions = {}) {
    super({ mocker: options.mocker ?? new mock.Mocker() })
    this.#options = options
    if (options.selfName) this.selfContact = this.mocker.createContact({ name: options.selfName })
    this.on('login', () => {
      setTimeout(() => this.emit('ready', { data: 'local ready' }), 20)
    })
  }

  override async onStart(): Promise<void> {
    await super.onStart()
    const self = this.selfContact
    if (self) setImmediate(() => this.mocker.login(self))
    if (this.#options.heartbeatMs) {
      this.#heartbeat = setInterval(() => {
        if (this.isLoggedIn) this.emit('heartbeat', { data: 'local heartbeat' })
      }, this.#options.heartbeatMs)
      this.#heartbeat.unref()
    }
  }

  override async onStop(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    await super.onStop()
  }

  override async roomAdd(roomId: string, contactId: string, inviteOnly?: boolean): Promise<void> {
    const room = this.mocker.RoomMock.load(roomId)
    if (inviteOnly || room.payload.memberIdList.length >= (this.#options.inviteThreshold ?? 40)) {
      this.invitations.push({ roomId, contactId })
      return
    }
    room.add(this.mocker.ContactMock.load(contactId)).by(this.mocker.ContactMock.load(this.currentUserId))
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    // The stock mock can only pass Base64/Url boxes along; turn anything else into one.
    await super.messageSendFile(conversationId, FileBox.fromBase64(await file.toBase64(), file.name))
  }
}
