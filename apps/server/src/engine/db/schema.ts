import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely. Keep in step with migrations/*.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface WorkspacesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  default_language: Generated<string>;
  time_zone: Generated<string>;
  settings: Json<Record<string, unknown>> | undefined;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  language: string | null;
  time_zone: string | null;
  is_active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GroupsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GroupMembersTable {
  workspace_id: string;
  group_id: string;
  user_id: string;
  created_at: CreatedAt;
}

export interface OrganizationsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  domains: TextArray;
  notes: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CustomersTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  organization_id: string | null;
  language: string | null;
  notes: Generated<string>;
  tags: TextArray;
  tier: ColumnType<string | null, string | null | undefined, string | null>;
  merged_into_id: string | null;
  search_text: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CustomerIdentitiesTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  kind: string;
  value: string;
  display_name: string | null;
  created_at: CreatedAt;
}

export interface FieldDefinitionsTable {
  id: Generated<string>;
  workspace_id: string;
  key: string;
  label_en: string;
  label_zh: string;
  type: string;
  options: TextArray;
  required_on_solve: Generated<boolean>;
  is_active: Generated<boolean>;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TicketsTable {
  id: Generated<string>;
  workspace_id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  type: string | null;
  category: string | null;
  channel: string;
  requester_id: string;
  assignee_id: string | null;
  group_id: string | null;
  tags: TextArray;
  language: string | null;
  custom_fields: Json<Record<string, string | number | boolean | null>> | undefined;
  merged_into_id: string | null;
  message_count: Generated<number>;
  search_vector: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  solved_at: Date | null;
  closed_at: Date | null;
  /** Kept by the SLA module: the earliest due instant of a running metric. */
  sla_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface TicketFollowersTable {
  workspace_id: string;
  ticket_id: string;
  user_id: string;
}

export interface TicketLinksTable {
  id: Generated<string>;
  workspace_id: string;
  source_id: string;
  target_id: string;
  kind: string;
  created_at: CreatedAt;
}

export interface MessagesTable {
  id: Generated<string>;
  workspace_id: string;
  ticket_id: string;
  kind: string;
  author_type: string;
  author_user_id: string | null;
  author_customer_id: string | null;
  body: string;
  channel: string;
  channel_meta: Json<Record<string, unknown>> | undefined;
  delivery_status: string | null;
  created_at: CreatedAt;
}

export interface AttachmentsTable {
  id: Generated<string>;
  workspace_id: string;
  message_id: string | null;
  uploaded_by: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: CreatedAt;
}

export interface EventsTable {
  id: Generated<number>;
  workspace_id: string;
  ticket_id: string | null;
  subject_type: string;
  subject_id: string | null;
  actor_type: string;
  actor_id: string | null;
  kind: string;
  field: string | null;
  old_value: Json | null;
  new_value: Json | null;
  data: Json | null;
  created_at: CreatedAt;
  published_at: Date | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  kind: string;
  ticket_id: string | null;
  message_id: string | null;
  actor_id: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string | null;
  customer_id: string | null;
  name: string;
  token_hash: string;
  scopes: TextArray;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  expires_at: Date;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
}

export interface ViewsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string | null;
  name: string;
  filters: Json<Record<string, unknown>>;
  sort: Generated<string>;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BusinessCalendarsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: string | null;
  spec: Json<Record<string, unknown>>;
  source: Json<Record<string, unknown>> | undefined;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: Generated<string>;
  workspace_id: string;
  position: number;
  name: string;
  description: Generated<string>;
  conditions: Json<Record<string, unknown>>;
  targets: Json<Record<string, unknown>>;
  calendar_id: string | null;
  pause_statuses: TextArray;
  warning_percent: Generated<number>;
  escalation: Json<Record<string, unknown>>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TicketSlaTable {
  workspace_id: string;
  ticket_id: string;
  metric: string;
  policy_id: string | null;
  cycle: number;
  target_minutes: number;
  business: boolean;
  started_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  paused_minutes: number;
  fulfilled_at: Date | null;
  status: string;
  warned_at: Date | null;
  breached_at: Date | null;
  next_fire_at: Date | null;
  version: number;
  updated_at: Timestamp;
}

export interface TicketSlaHistoryTable {
  id: Generated<number>;
  workspace_id: string;
  ticket_id: string;
  metric: string;
  cycle: number;
  kind: string;
  status: string;
  at: Timestamp;
  due_at: Date | null;
  target_minutes: number;
  paused_minutes: number;
  policy_id: string | null;
  within_target: boolean | null;
  group_id: string | null;
  assignee_id: string | null;
  channel: string | null;
  recorded_at: CreatedAt;
}

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  organizations: OrganizationsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  field_definitions: FieldDefinitionsTable;
  tickets: TicketsTable;
  ticket_followers: TicketFollowersTable;
  ticket_links: TicketLinksTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  events: EventsTable;
  notifications: NotificationsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  views: ViewsTable;
  business_calendars: BusinessCalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla: TicketSlaTable;
  ticket_sla_history: TicketSlaHistoryTable;
}

export type UserRow = Selectable<UsersTable>;
/** A ticket as the app reads it: the search vector stays in the database; the SLA sort key is the SLA module's. */
export type TicketRow = Omit<Selectable<TicketsTable>, 'search_vector' | 'sla_due_at'>;
export type MessageRow = Selectable<MessagesTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
