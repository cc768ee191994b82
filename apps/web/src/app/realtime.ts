import { useEffect, useRef } from 'react';

export interface RealtimeEvent {
  id: string;
  ticketId: string | null;
  kind: string;
  field: string | null;
  actorType: string;
  actorId: string | null;
  createdAt: string;
}
export interface PresenceMessage {
  type: 'presence';
  ticketId: string;
  userId: string;
  userName: string;
  state: 'viewing' | 'typing' | 'left';
}
type Incoming = { type: 'event'; event: RealtimeEvent } | PresenceMessage | { type: 'hello' | 'pong' };
type Handler = (msg: Incoming) => void;

/**
 * One WebSocket per tab, reconnecting with backoff. Components subscribe with useRealtime; the
 * ticket page announces presence (viewing / typing) for collision notices.
 */
class Realtime {
  private socket: WebSocket | null = null;
  private readonly handlers = new Set<Handler>();
  private retry = 0;
  private closed = true;
  private readonly presence = new Map<string, PresenceMessage['state']>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  onReconnect: (() => void) | null = null;

  start(): void {
    if (!this.closed) return;
    this.closed = false;
    this.connect();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const ws = this.socket;
    this.socket = null;
    // Closing a socket that is still connecting logs a browser warning; close it once it opens.
    if (ws?.readyState === WebSocket.CONNECTING) {
      ws.onopen = () => ws.close();
      ws.onmessage = null;
    } else ws?.close();
  }

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${proto}://${location.host}/api/v1/realtime`);
    this.socket = ws;
    ws.onopen = () => {
      const reconnected = this.retry > 0;
      this.retry = 0;
      for (const [ticketId, state] of this.presence) this.sendRaw({ type: 'presence', ticketId, state });
      if (reconnected) this.onReconnect?.();
    };
    ws.onmessage = (e) => {
      let msg: Incoming;
      try {
        msg = JSON.parse(String(e.data)) as Incoming;
      } catch {
        return;
      }
      for (const h of this.handlers) h(msg);
    };
    ws.onclose = () => {
      if (this.socket !== ws) return; // a socket we already replaced or stopped
      this.socket = null;
      if (this.closed) return;
      this.retry += 1;
      this.timer = setTimeout(() => this.connect(), Math.min(10_000, 500 * 2 ** Math.min(this.retry, 5)));
    };
    ws.onerror = () => ws.close();
    if (!this.heartbeat) this.heartbeat = setInterval(() => this.sendRaw({ type: 'ping' }), 25_000);
  }

  private sendRaw(msg: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  setPresence(ticketId: string, state: PresenceMessage['state']): void {
    if (state === 'left') this.presence.delete(ticketId);
    else this.presence.set(ticketId, state);
    this.sendRaw({ type: 'presence', ticketId, state });
  }

  subscribe(h: Handler): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }
}

export const realtime = new Realtime();

export function useRealtime(handler: Handler): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => realtime.subscribe((m) => ref.current(m)), []);
}
