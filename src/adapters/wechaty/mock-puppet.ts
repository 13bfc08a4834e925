/**
 * The stock mock puppet with the gaps filled that a bot needs (WECHATY.md 5.2–5.3): it logs the
 * merchant's account in by itself on start (so it can stand behind a PuppetServer as a local
 * gateway), sends `ready` and heartbeats, accepts any FileBox, invites rather than adds people to
 * rooms of 40 or more members, and lists only the rooms the account is in (as WeChat does). It also
 * tells listeners what the bot sent (local mode prints it). Used by local mode and the end-to-end tests.
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

/** Something the bot account did in the mock WeChat: a text or a file sent, someone added or invited to a room. */
export type LocalSent =
  | { kind: 'text', conversationId: string, text: string }
  | { kind: 'file', conversationId: string, file: FileBoxInterface }
  | { kind: 'room-add', roomId: string, contactId: string, invited: boolean }

export class LocalPuppet extends PuppetMock {
  readonly invitations: { roomId: string, contactId: string }[] = []
  readonly selfContact: mock.ContactMock | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined
  readonly #options: LocalPuppetOptions
  readonly #sentListeners: ((sent: LocalSent) => void)[] = []

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

  /** Calls `listener` after each text or file the bot sends and each room add or invitation. */
  onSent(listener: (sent: LocalSent) => void): void {
    this.#sentListeners.push(listener)
  }

  #tell(sent: LocalSent): void {
    for (const l of this.#sentListeners) l(sent)
  }

  // The stock mock lists every room it knows; WeChat lists the rooms the account is in.
  override async roomList(): Promise<string[]> {
    const all = await super.roomList()
    return all.filter(id => this.mocker.RoomMock.load(id).payload.memberIdList.includes(this.currentUserId))
  }

  override async roomAdd(roomId: string, contactId: string, inviteOnly?: boolean): Promise<void> {
    const room = this.mocker.RoomMock.load(roomId)
    if (inviteOnly || room.payload.memberIdList.length >= (this.#options.inviteThreshold ?? 40)) {
      this.invitations.push({ roomId, contactId })
      this.#tell({ kind: 'room-add', roomId, contactId, invited: true })
      return
    }
    room.add(this.mocker.ContactMock.load(contactId)).by(this.mocker.ContactMock.load(this.currentUserId))
    this.#tell({ kind: 'room-add', roomId, contactId, invited: false })
  }

  override async messageSendText(conversationId: string, text: string): Promise<void> {
    await super.messageSendText(conversationId, text)
    this.#tell({ kind: 'text', conversationId, text })
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    // The stock mock can only pass Base64/Url boxes along; turn anything else into one.
    const box = FileBox.fromBase64(await file.toBase64(), file.name)
    await super.messageSendFile(conversationId, box)
    this.#tell({ kind: 'file', conversationId, file: box })
  }
}
