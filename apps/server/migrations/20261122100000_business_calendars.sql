-- Business calendars (issue 4): several per workspace (per team or region). `spec` is the
-- CalendarSpec of @kefu/core/calendar (time zone, weekly ranges, holidays, 调休 make-up days),
-- validated by compileCalendar before it is stored.
create table business_calendars (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  description text,
  spec jsonb not null,
  -- where the holidays came from, e.g. {"preset":"CN","package":"chinese-days@1.5.7","years":[2026]}
  source jsonb not null default '{}',
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, name)
);
create unique index business_calendars_one_default on business_calendars (workspace_id) where is_default;
