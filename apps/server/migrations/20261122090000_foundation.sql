-- Foundation: tenancy, people, tickets, messages, events (outbox), auth, views, notifications.
-- Every business table carries workspace_id and its indexes lead with it.
create extension if not exists pg_trgm;

create table workspaces (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  default_language text not null default 'zh-CN',
  time_zone text not null default 'Asia/Shanghai',
  settings jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  email text not null,
  name text not null,
  role text not null check (role in ('owner','admin','supervisor','agent','light_agent')),
  password_hash text,
  language text,
  time_zone text,
  is_active boolean not null default true,
  failed_logins int not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_ws_email on users (workspace_id, lower(email));
create index users_email on users (lower(email));

create table groups (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index groups_ws_name on groups (workspace_id, lower(name));

create table group_members (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  group_id uuid not null references groups(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (workspace_id, group_id, user_id)
);
create index group_members_user on group_members (workspace_id, user_id);

create table organizations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  domains text[] not null default '{}',
  notes text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index organizations_ws_name on organizations (workspace_id, lower(name));

create table customers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  organization_id uuid references organizations(id) on delete set null,
  language text,
  notes text not null default '',
  tags text[] not null default '{}',
  merged_into_id uuid references customers(id),
  search_text text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index customers_ws_created on customers (workspace_id, created_at desc, id);
create index customers_search_trgm on customers using gin (search_text gin_trgm_ops);

create table customer_identities (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  kind text not null check (kind in ('email','phone','wechat','visitor')),
  value text not null,
  display_name text,
  created_at timestamptz not null default now()
);
create unique index customer_identities_ws_kind_value on customer_identities (workspace_id, kind, value);
create index customer_identities_customer on customer_identities (workspace_id, customer_id);

create table field_definitions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  key text not null,
  label_en text not null,
  label_zh text not null,
  type text not null check (type in ('text','number','date','dropdown','checkbox')),
  options text[] not null default '{}',
  required_on_solve boolean not null default false,
  is_active boolean not null default true,
  position int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index field_definitions_ws_key on field_definitions (workspace_id, key);

create table tickets (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  number bigint not null,
  subject text not null,
  status text not null check (status in ('new','open','pending','on_hold','solved','closed')),
  priority text not null check (priority in ('low','normal','high','urgent')),
  type text check (type in ('question','incident','problem','task','complaint')),
  category text,
  channel text not null,
  requester_id uuid not null references customers(id),
  assignee_id uuid references users(id),
  group_id uuid references groups(id),
  tags text[] not null default '{}',
  language text,
  custom_fields jsonb not null default '{}',
  merged_into_id uuid references tickets(id),
  message_count int not null default 0,
  search_vector tsvector not null default ''::tsvector,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  solved_at timestamptz,
  closed_at timestamptz
);
create unique index tickets_ws_number on tickets (workspace_id, number);
create index tickets_ws_status_updated on tickets (workspace_id, status, updated_at desc, id);
create index tickets_ws_updated on tickets (workspace_id, updated_at desc, id);
create index tickets_ws_assignee_status on tickets (workspace_id, assignee_id, status, updated_at desc);
create index tickets_ws_group_status on tickets (workspace_id, group_id, status, updated_at desc);
create index tickets_ws_requester on tickets (workspace_id, requester_id, created_at desc);
create index tickets_tags on tickets using gin (tags);
create index tickets_search on tickets using gin (search_vector);

create table ticket_followers (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  ticket_id uuid not null references tickets(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  primary key (workspace_id, ticket_id, user_id)
);

create table ticket_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source_id uuid not null references tickets(id) on delete cascade,
  target_id uuid not null references tickets(id) on delete cascade,
  kind text not null check (kind in ('incident_of','follow_up_of','merged_into','related')),
  created_at timestamptz not null default now(),
  check (source_id <> target_id)
);
create unique index ticket_links_unique on ticket_links (workspace_id, source_id, target_id, kind);
create index ticket_links_target on ticket_links (workspace_id, target_id, kind);

create table messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  ticket_id uuid not null references tickets(id) on delete cascade,
  kind text not null check (kind in ('public','note')),
  author_type text not null check (author_type in ('agent','customer','system')),
  author_user_id uuid references users(id),
  author_customer_id uuid references customers(id),
  body text not null,
  channel text not null,
  channel_meta jsonb not null default '{}',
  delivery_status text,
  created_at timestamptz not null default now()
);
create index messages_ticket on messages (workspace_id, ticket_id, created_at, id);

create table attachments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  message_id uuid references messages(id) on delete cascade,
  uploaded_by uuid references users(id),
  filename text not null,
  content_type text not null,
  size bigint not null,
  sha256 text not null,
  storage_key text not null,
  created_at timestamptz not null default now()
);
create index attachments_message on attachments (workspace_id, message_id);

-- The timeline, the audit trail and the outbox: written in the same transaction as the change.
create table events (
  id bigserial primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  ticket_id uuid references tickets(id) on delete cascade,
  subject_type text not null,
  subject_id uuid,
  actor_type text not null check (actor_type in ('user','customer','system','token')),
  actor_id uuid,
  kind text not null,
  field text,
  old_value jsonb,
  new_value jsonb,
  data jsonb,
  created_at timestamptz not null default now(),
  published_at timestamptz
);
create index events_ticket on events (workspace_id, ticket_id, id);
create index events_unpublished on events (id) where published_at is null;

create table notifications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  ticket_id uuid references tickets(id) on delete cascade,
  message_id uuid references messages(id) on delete cascade,
  actor_id uuid references users(id),
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_user on notifications (workspace_id, user_id, created_at desc);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  user_id uuid references users(id) on delete cascade,
  customer_id uuid references customers(id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  scopes text[] not null default '{}',
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  check ((user_id is null) <> (customer_id is null))
);
create index api_tokens_ws on api_tokens (workspace_id);

create table sessions (
  id text primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  csrf_token text not null,
  user_agent text,
  ip text,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_user on sessions (workspace_id, user_id);

create table views (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  user_id uuid references users(id) on delete cascade,
  name text not null,
  filters jsonb not null default '{}',
  sort text not null default 'updated_at_desc',
  position int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index views_ws_user on views (workspace_id, user_id);
