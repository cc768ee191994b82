import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { OutboxPublisher } from './events/outbox.js';
import type { JobQueue } from './jobs/queue.js';
import type { RealtimeHub } from './realtime/hub.js';
import type { Storage } from './storage/storage.js';

/** Everything a use case may need from the engine; built once per process (or per test). */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  jobs: JobQueue;
  outbox: OutboxPublisher;
  hub: RealtimeHub;
  storage: Storage;
}
