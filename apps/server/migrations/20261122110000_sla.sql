-- SLA (issue 4): ordered policies, per-ticket per-metric state with its history, and the timers.
-- A timer is a row's next_fire_at: the sweeper claims due rows (docs/sla.md).

-- The "customer tier (attribute)" policies can target.
alter table customers add column tier text;

create table sla_policies (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  position int not null,
  name text not null,
  description text not null default '',
  -- {"priority":[..],"type":[..],"channel":[..],"groupIds":[..],"category":[..],"tags":[..],"customerTier":[..]}
  conditions jsonb not null default '{}',
  -- per priority, per metric: {"normal":{"first_reply":{"minutes":240,"business":true}, ...}, ...}
  targets jsonb not null default '{}',
  -- null: the workspace's default calendar
  calendar_id uuid references business_calendars(id) on delete set null,
  pause_statuses text[] not null default '{pending}',
  warning_percent int not null default 75 check (warning_percent between 1 and 99),
  -- {"raisePriority":true,"groupId":"…","notifyUserIds":["…"]}
  escalation jsonb not null default '{}',
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index sla_policies_ws_name on sla_policies (workspace_id, lower(name));
create index sla_policies_ws_position on sla_policies (workspace_id, position);

-- One row per ticket and metric: the metric's current cycle. Written on the intake path, so its
-- only foreign key is the ticket's (which also removes the rows with a workspace): a key lock on
-- the shared policy row per new ticket costs intake (docs/sla.md), and a deleted policy's rows are
-- rewritten by the re-evaluation that follows the deletion.
create table ticket_sla (
  workspace_id uuid not null,
  ticket_id uuid not null references tickets(id) on delete cascade,
  metric text not null check (metric in ('first_reply','next_reply','periodic_update','resolution')),
  policy_id uuid,
  cycle int not null default 1,
  target_minutes double precision not null,
  business boolean not null,
  started_at timestamptz not null,
  due_at timestamptz not null,
  warn_at timestamptz not null,
  paused_minutes double precision not null default 0,
  fulfilled_at timestamptz,
  status text not null check (status in ('active','paused','fulfilled','warning','breached')),
  warned_at timestamptz,
  breached_at timestamptz,
  -- the timer: when this row needs looking at again (its warning or due instant)
  next_fire_at timestamptz,
  -- compare-and-set guard: every write expects the version it read
  version int not null default 1,
  updated_at timestamptz not null default now(),
  primary key (workspace_id, ticket_id, metric)
);
create index ticket_sla_next_fire on ticket_sla (next_fire_at) where next_fire_at is not null;

-- Every change of a metric's state; fulfilled/breached rows are the outcomes the reports count.
-- policy_id names the policy of the time, even one deleted since.
create table ticket_sla_history (
  id bigserial primary key,
  workspace_id uuid not null,
  ticket_id uuid not null references tickets(id) on delete cascade,
  metric text not null,
  cycle int not null,
  kind text not null check (kind in ('activated','paused','resumed','warning','breached','fulfilled','reactivated','retargeted','cancelled')),
  status text not null,
  at timestamptz not null,
  due_at timestamptz,
  target_minutes double precision not null,
  paused_minutes double precision not null default 0,
  policy_id uuid,
  within_target boolean,
  -- the ticket when it happened, for reports by group, agent and channel
  group_id uuid,
  assignee_id uuid,
  channel text,
  recorded_at timestamptz not null default now()
);
create index ticket_sla_history_ticket on ticket_sla_history (workspace_id, ticket_id, id);
create index ticket_sla_history_outcomes on ticket_sla_history (workspace_id, at) where kind in ('fulfilled', 'breached');

-- The inbox's "next due" sort: the earliest due instant of a running metric (null when none).
alter table tickets add column sla_due_at timestamptz;
create index tickets_ws_sla_due on tickets (workspace_id, sla_due_at, number);
