import { Command, Option } from 'commander';
import { join } from 'node:path';
import type { Config } from '../engine/config.js';
import type { Role } from '../engine/runtime.js';
import type { CliCommand } from './commands.js';
import type { CalendarCliOptions } from './calendar.js';

// Every module beyond commander is imported inside the command that needs it: the engine pulls in
// Fastify, PGlite, pg-boss and more (over a second of start-up from source), which `kefu calendar`
// and `kefu --help` do not need.

async function config(): Promise<Config> {
  const { loadConfig } = await import('../engine/config.js');
  try {
    return loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}

/** Runs a data command here, or inside the running PGlite server that owns the data folder. */
async function runData(cmd: CliCommand): Promise<void> {
  const cfg = await config();
  try {
    const { findRunningServer, sendToServer } = await import('./control.js');
    if (!cfg.databaseUrl) {
      const running = findRunningServer(cfg.dataDir);
      if (running) {
        console.log(await sendToServer(running, cmd));
        return;
      }
    }
    const [{ createRuntime }, { createLogger }, { runCliCommand }] = await Promise.all([
      import('../engine/runtime.js'),
      import('../engine/logger.js'),
      import('./commands.js'),
    ]);
    const rt = await createRuntime(cfg, createLogger('warn'), { role: 'worker', onApp: undefined });
    try {
      console.log(await runCliCommand(rt.ctx, cmd));
    } finally {
      await rt.close();
    }
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

/** `kefu calendar …`: no database and no configuration. */
async function runCalendar(command: 'add' | 'between' | undefined, o: CalendarCliOptions): Promise<void> {
  const { runCalendarCli } = await import('./calendar.js');
  process.exitCode = await runCalendarCli(command, o);
}

const program = new Command('kefu').description('Kefu 客服 — customer service platform').version('0.1.0');

program
  .command('start')
  .description('Serve the API, web UI, workers and channel listeners')
  .addOption(new Option('--role <role>', 'which parts to run').choices(['api', 'worker', 'all']).default('all'))
  .option('--port <port>', 'HTTP port (default: PORT or 3000)')
  .action(async (o: { role: Role; port?: string }) => {
    const cfg = await config();
    if (o.port !== undefined) {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error('error: --port must be a port number');
        process.exit(2);
      }
      cfg.port = port;
    }
    const { startServer } = await import('./start.js');
    await startServer(cfg, o.role);
  });

program
  .command('migrate')
  .description('Apply pending database migrations (kefu start does this too)')
  .action(async () => {
    const cfg = await config();
    const [{ findRunningServer }, { openDatabase, describeDatabase }, { migrate }] = await Promise.all([
      import('./control.js'),
      import('../engine/db/database.js'),
      import('../engine/db/migrate.js'),
    ]);
    if (!cfg.databaseUrl && findRunningServer(cfg.dataDir)) {
      console.log('A running kefu server owns this data folder and has already migrated it.');
      return;
    }
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: join(cfg.dataDir, 'pg') });
    try {
      const applied = await migrate(database);
      console.log(
        applied.length
          ? `Applied: ${applied.join(', ')}`
          : `Up to date (${describeDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir })}).`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command('seed-demo')
  .description('Create a bilingual demo workspace (agents, customers, ~2,000 tickets over 90 days)')
  .option('--force', 'add another demo workspace even if one exists')
  .action((o: { force?: boolean }) => runData({ name: 'seed-demo', args: { force: o.force ?? false } }));

const user = program.command('user').description('Manage agents');
user
  .command('create')
  .description('Create an agent (and, with --workspace-name, the workspace)')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .addOption(new Option('--role <role>').choices(['owner', 'admin', 'supervisor', 'agent', 'light_agent']).default('agent'))
  .option('--password <password>', 'omit to generate one')
  .option('--workspace <slug>')
  .option('--workspace-name <name>', 'create the workspace if it does not exist')
  .addOption(new Option('--language <lang>').choices(['zh-CN', 'en']))
  .action(
    (o: { email: string; name: string; role: string; password?: string; workspace?: string; workspaceName?: string; language?: string }) =>
      runData({ name: 'user-create', args: o }),
  );

const token = program.command('token').description('Manage API tokens');
token
  .command('create')
  .description('Create an API token for an agent (or a customer) and print it once')
  .option('--email <email>', 'the agent the token acts as')
  .option('--customer <id>', 'a customer token instead (portal/widget integrations)')
  .option('--workspace <slug>')
  .option('--name <name>', 'a label', 'cli')
  .option('--scopes <list>', 'comma-separated: read,write,admin', 'read,write')
  .action((o: { email?: string; customer?: string; workspace?: string; name: string; scopes: string }) => {
    const scopes = o.scopes.split(',').map((s) => s.trim());
    if (!o.email && !o.customer) {
      console.error('error: give --email or --customer');
      process.exit(2);
    }
    if (scopes.some((s) => !['read', 'write', 'admin'].includes(s))) {
      console.error('error: scopes are read, write, admin');
      process.exit(2);
    }
    return runData({
      name: 'token-create',
      args: {
        ...(o.email ? { email: o.email } : {}),
        ...(o.customer ? { customerId: o.customer } : {}),
        ...(o.workspace ? { workspace: o.workspace } : {}),
        name: o.name,
        scopes,
      },
    });
  });

const batchHelp = 'read JSON lines from stdin ({"calendar", "start", "minutes"} or {"calendar", "from", "to"}), one result per line';
const calendarHelp = 'calendar JSON file (with --batch: the calendar of lines that have none)';
// --batch and --calendar belong to `kefu calendar`, which takes them before or after the
// subcommand; the subcommands repeat them so that their --help lists them.
const calendar = program
  .command('calendar')
  .description('Business-calendar arithmetic: due times and business minutes (no database needed; docs/calendars.md)')
  .option('--batch', batchHelp)
  .option('--calendar <file>', calendarHelp)
  .action(async (o: CalendarCliOptions, cmd: Command) => {
    if (!o.batch) {
      cmd.outputHelp({ error: true });
      process.exitCode = 2;
      return;
    }
    await runCalendar(undefined, o);
  });
calendar
  .command('add')
  .description('Print the instant N business minutes after --start (ISO-8601 UTC)')
  .option('--calendar <file>', calendarHelp)
  .option('--start <iso>', 'an ISO-8601 instant with Z or an offset')
  .option('--minutes <n>', 'business minutes, a whole number ≥ 0')
  .option('--batch', batchHelp)
  .action((_o: unknown, cmd: Command) => runCalendar('add', cmd.optsWithGlobals<CalendarCliOptions>()));
calendar
  .command('between')
  .description('Print the whole business minutes in [--from, --to)')
  .option('--calendar <file>', calendarHelp)
  .option('--from <iso>', 'an ISO-8601 instant with Z or an offset')
  .option('--to <iso>', 'an ISO-8601 instant with Z or an offset')
  .option('--batch', batchHelp)
  .action((_o: unknown, cmd: Command) => runCalendar('between', cmd.optsWithGlobals<CalendarCliOptions>()));

await program.parseAsync(process.argv);
