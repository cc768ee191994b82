import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Database } from '../db/database.js';
import { EVENTS_CHANNEL, type PublishedEvent } from '../events/outbox.js';

interface Client {
  socket: WebSocket;
  workspaceId: string;
  userId: string;
  userName: Promise<string>;
  /** Tickets this connection announced presence on (viewing or typing). */
  presence: Map<string, PresenceState>;
  id: string;
}

export const PRESENCE_CHANNEL = 'kefu_presence';
const PRESENCE_STATES = ['viewing', 'typing', 'left'] as const;
type PresenceState = (typeof PRESENCE_STATES)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Presence is announced by connections; a ticket page open in many tabs is capped. */
const MAX_PRESENCE_PER_CONNECTION = 50;

interface PresenceNotice {
  workspaceId: string;
  ticketId: string;
  userId: string;
  userName: string;
  state: PresenceState;
  connectionId: string;
  /** An answer to a newcomer: not answered again. */
  reply: boolean;
}

/**
 * Realtime fan-out. Every process LISTENs on the events channel (PostgreSQL NOTIFY, or in-process
 * on PGlite) and pushes each event to its own WebSocket clients of that workspace, so an event
 * published by any process reaches every connected agent.
 */
export class RealtimeHub {
  private readonly clients = new Map<string, Set<Client>>();
  private unlisten: (() => Promise<void>) | null = null;
  private unlistenPresence: (() => Promise<void>) | null = null;
  private nextId = 0;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, (payload) => this.dispatch(payload));
    this.unlistenPresence = await this.database.listen(PRESENCE_CHANNEL, (payload) => this.dispatchPresence(payload));
  }

  get size(): number {
    let n = 0;
    for (const s of this.clients.values()) n += s.size;
    return n;
  }

  add(socket: WebSocket, workspaceId: string, userId: string, userName: Promise<string> = Promise.resolve('')): void {
    const client: Client = { socket, workspaceId, userId, userName, presence: new Map(), id: `${process.pid}:${++this.nextId}` };
    let set = this.clients.get(workspaceId);
    if (!set) {
      set = new Set();
      this.clients.set(workspaceId, set);
    }
    set.add(client);
    socket.on('close', () => {
      set.delete(client);
      if (set.size === 0) this.clients.delete(workspaceId);
      for (const ticketId of client.presence.keys()) this.announce(client, ticketId, 'left');
      client.presence.clear();
    });
    socket.on('message', (raw) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const m = msg as { type?: unknown; ticketId?: unknown; state?: unknown };
      if (m.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (m.type === 'presence') this.onPresence(client, m.ticketId, m.state);
    });
    socket.send(JSON.stringify({ type: 'hello', workspaceId, userId }));
  }

  /** A connection says it is viewing or typing on a ticket (or left it): tell the workspace. */
  private onPresence(client: Client, ticketId: unknown, state: unknown): void {
    if (typeof ticketId !== 'string' || !UUID.test(ticketId)) return;
    if (typeof state !== 'string' || !(PRESENCE_STATES as readonly string[]).includes(state)) return;
    const s = state as PresenceState;
    if (s === 'left') {
      if (!client.presence.delete(ticketId)) return;
    } else {
      if (!client.presence.has(ticketId) && client.presence.size >= MAX_PRESENCE_PER_CONNECTION) return;
      if (client.presence.get(ticketId) === s) return;
      client.presence.set(ticketId, s);
    }
    this.announce(client, ticketId, s);
  }

  private announce(client: Client, ticketId: string, state: PresenceState, reply = false): void {
    void client.userName.then((userName) => {
      const notice: PresenceNotice = {
        workspaceId: client.workspaceId,
        ticketId,
        userId: client.userId,
        userName,
        state,
        connectionId: client.id,
        reply,
      };
      return this.database
        .execute('select pg_notify($1, $2)', [PRESENCE_CHANNEL, JSON.stringify(notice)])
        .catch((err: unknown) => this.log.warn({ err }, 'presence notify failed'));
    });
  }

  private dispatchPresence(payload: string): void {
    let n: PresenceNotice;
    try {
      n = JSON.parse(payload) as PresenceNotice;
    } catch {
      return;
    }
    const set = this.clients.get(n.workspaceId);
    if (!set) return;
    const message = JSON.stringify({ type: 'presence', ticketId: n.ticketId, userId: n.userId, userName: n.userName, state: n.state });
    for (const c of set) {
      if (c.id === n.connectionId || c.socket.readyState !== 1) continue;
      c.socket.send(message);
      // Answer a newcomer with our own presence on that ticket, so both sides see each other.
      const mine = c.presence.get(n.ticketId);
      if (mine && n.state !== 'left' && !n.reply && c.userId !== n.userId) this.announce(c, n.ticketId, mine, true);
    }
  }

  private dispatch(payload: string): void {
    let event: PublishedEvent;
    try {
      event = JSON.parse(payload) as PublishedEvent;
    } catch {
      this.log.warn('realtime: unparsable event payload');
      return;
    }
    const set = this.clients.get(event.workspaceId);
    if (!set) return;
    const message = JSON.stringify({ type: 'event', event });
    for (const c of set) {
      if (c.socket.readyState === 1) c.socket.send(message);
    }
  }

  async close(): Promise<void> {
    await this.unlisten?.().catch(() => {});
    await this.unlistenPresence?.().catch(() => {});
    for (const set of this.clients.values()) for (const c of set) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}
