import autocannon from 'autocannon';

export interface LatencyStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentiles of response times in ms. */
export function latencyStats(times: number[]): LatencyStats {
  const s = Float64Array.from(times).sort();
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : NaN);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  return { count: s.length, meanMs: r2(mean), p50Ms: r2(at(50)), p95Ms: r2(at(95)), p99Ms: r2(at(99)), maxMs: r2(at(100)) };
}

export interface RunResult {
  connections: number;
  durationS: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per second over the run */
  perSecond: number;
  /** latencies of 2xx responses */
  latency: LatencyStats;
}

interface RunOptions {
  url: string;
  token: string;
  connections: number;
  durationS?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  path: string;
  /** builds a fresh body per request */
  body?: () => string;
}

/** Drives the server with autocannon, recording every response time (autocannon has no p95). */
export function runLoad(o: RunOptions): Promise<RunResult> {
  const times: number[] = [];
  const statusCodes: Record<string, number> = {};
  let ok = 0;
  let total = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const body = o.body;
    const inst = autocannon(
      {
        url: o.url,
        connections: o.connections,
        pipelining: 1,
        timeout: 30,
        ...(o.amount ? { amount: o.amount } : { duration: o.durationS ?? 10 }),
        headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
        requests: [
          {
            method: o.method ?? 'GET',
            path: o.path,
            ...(body
              ? {
                  setupRequest: (req: autocannon.Request) => {
                    req.body = body();
                    return req;
                  },
                }
              : {}),
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const elapsedS = (performance.now() - started) / 1000;
        resolve({
          connections: o.connections,
          durationS: r2(elapsedS),
          requests: total,
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          perSecond: r2(ok / elapsedS),
          latency: latencyStats(times),
        });
      },
    );
    inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      total++;
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        ok++;
        times.push(ms);
      }
    });
  });
}

/** `amount` sequential GET requests on one keep-alive connection (after a short warm-up). */
export async function sequentialGets(url: string, token: string, path: string, amount: number): Promise<RunResult> {
  await runLoad({ url, token, connections: 1, amount: Math.max(10, Math.round(amount / 10)), path });
  return runLoad({ url, token, connections: 1, amount, path });
}
