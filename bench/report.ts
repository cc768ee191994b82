/**
 * Markdown tables from bench/results/intake-<backend>-<date>.json (the newest of each backend, or
 * those of --date), for docs/benchmarks.md: `npm run bench -- report [--date YYYY-MM-DD]`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}
interface Run {
  connections: number;
  perSecond: number;
  latency: Latency;
  non2xx: number;
  errors: number;
  timeouts: number;
  cpuCores?: { server: number; postgres: number | null; otherProcesses: number };
}
interface Doc {
  backend: string;
  date: string;
  intake: Run[];
  reads: Record<string, Run>;
  memory: Record<string, { rssMB: number; peakRssMB: number }>;
  startup: Record<string, number>;
  bulkLoad: { totalTickets: number };
  explain: { plans: Record<string, { executionMs: number; sqlMedianMs: number }> };
  statements?: { perRequest: Record<string, number> };
  targets: Array<{ target: string; measured: string; met: boolean }>;
  demo?: { seedMs?: number; error?: string };
}

const NAMES: Record<string, string> = {
  inbox: 'inbox `status=new,open`',
  inboxMine: 'inbox `…&assignee=me`',
  searchZh: 'search `q=退款`',
  searchEn: 'search `q=refund`',
};

export function report(dir: string, date?: string): string {
  const files = readdirSync(dir)
    .filter((f) => /^intake-(pglite|postgres)-\d{4}-\d{2}-\d{2}\.json$/.test(f) && (!date || f.includes(date)))
    .sort();
  const latest = new Map<string, Doc>();
  for (const f of files) {
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Doc;
    latest.set(d.backend, d);
  }
  const docs = [...latest.values()];
  const out: string[] = [];
  const label = (b: string) => (b === 'pglite' ? 'PGlite' : 'PostgreSQL');
  out.push('| Backend | Concurrency | Tickets/s | p50 | p95 | p99 | Non-2xx | Server CPU | PostgreSQL CPU | Other processes |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const d of docs) {
    for (const r of d.intake) {
      const c = r.cpuCores;
      out.push(
        `| ${label(d.backend)} | ${r.connections} | ${Math.round(r.perSecond)} | ${r.latency.p50Ms} ms | ${r.latency.p95Ms} ms | ${r.latency.p99Ms} ms | ` +
          `${r.non2xx + r.errors + r.timeouts} | ${c?.server ?? '–'} | ${c?.postgres ?? '–'} | ${c?.otherProcesses ?? '–'} |`,
      );
    }
  }
  out.push('');
  out.push('| Backend | Request | p50 | p95 | p99 | Main SQL (EXPLAIN ANALYZE) | SQL statements |');
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const d of docs) {
    for (const [k, r] of Object.entries(d.reads)) {
      const plan = d.explain.plans[k];
      out.push(
        `| ${label(d.backend)} | ${NAMES[k] ?? k} | ${r.latency.p50Ms} ms | ${r.latency.p95Ms} ms | ${r.latency.p99Ms} ms | ` +
          `${plan ? `${plan.executionMs} ms` : '–'} | ${d.statements?.perRequest[k] ?? '–'} |`,
      );
    }
  }
  out.push('');
  out.push(
    '| Backend | RSS idle after start | after intake | idle, 100k tickets | after reads | peak (VmHWM) | Start, fresh dir | Cold start 1 | Cold start 2 |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const d of docs) {
    const m = d.memory;
    const peak = Math.max(
      ...Object.entries(m)
        .filter(([k]) => !k.startsWith('demo'))
        .map(([, x]) => x.peakRssMB),
    );
    const s = d.startup;
    out.push(
      `| ${label(d.backend)} | ${m.idleAfterStart?.rssMB} MB | ${m.afterIntake?.rssMB} MB | ${m.idleWithData?.rssMB} MB | ${m.afterReads?.rssMB} MB | ` +
        `${peak} MB | ${s.freshDataDirMs} ms | ${s.existingDataDirFirstMs} ms | ${s.existingDataDirSecondMs} ms |`,
    );
  }
  out.push('');
  out.push('| Backend | seed-demo | RSS after seed-demo (first start) | restarted, idle | after browsing |');
  out.push('| --- | ---: | ---: | ---: | ---: |');
  for (const d of docs) {
    const m = d.memory;
    out.push(
      `| ${label(d.backend)} | ${d.demo?.seedMs ?? d.demo?.error ?? '–'} ms | ${m.demoAfterSeed?.rssMB ?? '–'} MB | ` +
        `${m.demoIdleAfterRestart?.rssMB ?? '–'} MB | ${m.demoAfterBrowsing?.rssMB ?? '–'} MB |`,
    );
  }
  out.push('');
  out.push('| Backend | Target | Measured | Met |');
  out.push('| --- | --- | --- | --- |');
  for (const d of docs)
    for (const t of d.targets) out.push(`| ${label(d.backend)} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  return out.join('\n');
}
