import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A counting TCP proxy in front of PostgreSQL: it forwards bytes unchanged and counts the
 * frontend protocol messages the server sends — simple queries (Q) and extended-protocol
 * executions (E) — so the bench can say how many statements one API request costs.
 */
export interface CountingProxy {
  port: number;
  counts(): { statements: number; connections: number; byText: Map<string, number> };
  reset(): void;
  close(): Promise<void>;
}

export async function countingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  let statements = 0;
  let connections = 0;
  let byText = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    connections++;
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    let buf = Buffer.alloc(0);
    let started = false;
    let lastParse = '';
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 4) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          started = true;
          buf = buf.subarray(len);
          continue;
        }
        if (buf.length < 5) break;
        const type = String.fromCharCode(buf[0]!);
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) break;
        const body = buf.subarray(5, len + 1);
        if (type === 'Q') {
          statements++;
          const text = body
            .toString('utf8', 0, Math.max(0, body.length - 1))
            .trim()
            .slice(0, 40)
            .toLowerCase();
          byText.set(text, (byText.get(text) ?? 0) + 1);
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          lastParse = body
            .toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1))
            .trim()
            .slice(0, 40)
            .toLowerCase();
        } else if (type === 'E') {
          statements++;
          byText.set(lastParse, (byText.get(lastParse) ?? 0) + 1);
        }
        buf = buf.subarray(len + 1);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    counts: () => ({ statements, connections, byText }),
    reset() {
      statements = 0;
      byText = new Map();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
