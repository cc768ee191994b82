import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Database } from '../db/database.js';
import { EVENTS_CHANNEL, type PublishedEvent } from '../events/outbox.js';

interface Client {
  socket: WebSocket;
  workspaceId: string;
  userId: string;
}

/**
 * Realtime fan-out. Every process LISTENs on the events channel (PostgreSQL NOTIFY, or in-process
 * on PGlite) and pushes each event to its own WebSocket clients of that workspace, so an event
 * published by any process reaches every connected agent.
 */
export class RealtimeHub {
  private readonly clients = new Map<string, Set<Client>>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, (payload) => this.dispatch(payload));
  }

  get size(): number {
    let n = 0;
    for (const s of this.clients.values()) n += s.size;
    return n;
  }

  add(socket: WebSocket, workspaceId: string, userId: string): void {
    const client: Client = { socket, workspaceId, userId };
    let set = this.clients.get(workspaceId);
    if (!set) {
      set = new Set();
      this.clients.set(workspaceId, set);
    }
    set.add(client);
    socket.on('close', () => {
      set.delete(client);
      if (set.size === 0) this.clients.delete(workspaceId);
    });
    socket.on('message', (raw) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.send(JSON.stringify({ type: 'hello', workspaceId, userId }));
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
    for (const set of this.clients.values()) for (const c of set) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}
