import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, PageQuery, Text, Uuid, lit } from './common.js';
import { TagList } from './customers.js';
import { TicketSlaSummary } from './sla-state.js';

export const TicketStatus = lit(['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const);
export const TicketPriority = lit(['low', 'normal', 'high', 'urgent'] as const);
export const TicketType = lit(['question', 'incident', 'problem', 'task', 'complaint'] as const);
export const Channel = lit(['email', 'chat', 'portal', 'web', 'phone', 'wechat', 'api'] as const);
export const FieldValue = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()]);
export const CustomFields = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), FieldValue, {
  maxProperties: 100,
});
const Category = Type.String({ minLength: 1, maxLength: 200 });
const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const Language = Type.String({ minLength: 2, maxLength: 16, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });

export const PersonSummary = Type.Object({ id: Uuid, name: Type.String(), email: Nullable(Type.String()) });

export const Ticket = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  subject: Type.String(),
  status: TicketStatus,
  priority: TicketPriority,
  type: Nullable(TicketType),
  category: Nullable(Type.String()),
  channel: Type.String(),
  requesterId: Uuid,
  requester: Type.Optional(PersonSummary),
  assigneeId: Nullable(Uuid),
  groupId: Nullable(Uuid),
  tags: Type.Array(Type.String()),
  followerIds: Type.Array(Uuid),
  language: Nullable(Type.String()),
  customFields: Type.Record(Type.String(), FieldValue),
  mergedIntoId: Nullable(Uuid),
  messageCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  solvedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  /** SLA state: present when a policy applies (or applied) to the ticket. */
  sla: Type.Optional(TicketSlaSummary),
});
export type Ticket = Static<typeof Ticket>;

export const RequesterInput = Type.Object(
  {
    name: Type.Optional(Text(200, 1)),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{5,30}$' })),
    wechatOpenId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{6,64}$' })),
    visitorId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{6,64}$' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RequesterInput = Static<typeof RequesterInput>;

export const CreateTicketRequest = Type.Object(
  {
    subject: Text(500, 1),
    body: Text(200_000, 1),
    requesterId: Type.Optional(Uuid),
    requester: Type.Optional(RequesterInput),
    /** Who wrote the first message: the requester (default) or the agent calling the API. */
    authoredBy: Type.Optional(lit(['customer', 'agent'] as const)),
    channel: Type.Optional(Channel),
    priority: Type.Optional(TicketPriority),
    type: Type.Optional(TicketType),
    category: Type.Optional(Category),
    assigneeId: Type.Optional(Uuid),
    groupId: Type.Optional(Uuid),
    tags: Type.Optional(TagList),
    language: Type.Optional(Language),
    customFields: Type.Optional(CustomFields),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateTicketRequest = Static<typeof CreateTicketRequest>;

export const UpdateTicketRequest = Type.Object(
  {
    subject: Type.Optional(Text(500, 1)),
    status: Type.Optional(TicketStatus),
    priority: Type.Optional(TicketPriority),
    type: Type.Optional(Nullable(TicketType)),
    category: Type.Optional(Nullable(Category)),
    assigneeId: Type.Optional(Nullable(Uuid)),
    groupId: Type.Optional(Nullable(Uuid)),
    tags: Type.Optional(TagList),
    addTags: Type.Optional(TagList),
    removeTags: Type.Optional(TagList),
    followerIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true })),
    language: Type.Optional(Nullable(Language)),
    customFields: Type.Optional(CustomFields),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTicketRequest = Static<typeof UpdateTicketRequest>;

export const BulkUpdateTicketsRequest = Type.Object(
  {
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }),
    changes: Type.Object(
      {
        status: Type.Optional(TicketStatus),
        priority: Type.Optional(TicketPriority),
        assigneeId: Type.Optional(Nullable(Uuid)),
        groupId: Type.Optional(Nullable(Uuid)),
        addTags: Type.Optional(TagList),
        removeTags: Type.Optional(TagList),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);
export type BulkUpdateTicketsRequest = Static<typeof BulkUpdateTicketsRequest>;

export const BulkUpdateResult = Type.Object({
  updated: Type.Array(Uuid),
  failed: Type.Array(Type.Object({ id: Uuid, code: Type.String(), message: Type.String() })),
});

/** `sla_due`: the next SLA due instant first (breached ones before all), tickets without one last. */
export const TicketSort = lit([
  'updated_desc',
  'updated_asc',
  'created_desc',
  'created_asc',
  'number_desc',
  'number_asc',
  'sla_due',
] as const);
export type TicketSort = Static<typeof TicketSort>;

/** Ticket filters: used by the list endpoint and stored in saved views. */
export const TicketFilters = Type.Object(
  {
    status: Type.Optional(Type.Array(TicketStatus, { maxItems: 6, uniqueItems: true })),
    priority: Type.Optional(Type.Array(TicketPriority, { maxItems: 4, uniqueItems: true })),
    channel: Type.Optional(Type.Array(Channel, { maxItems: 7, uniqueItems: true })),
    /** a user id, "me" or "none" */
    assignee: Type.Optional(Type.String({ pattern: `^(me|none|${UUID_PATTERN})$` })),
    /** a group id or "none" */
    group: Type.Optional(Type.String({ pattern: `^(none|${UUID_PATTERN})$` })),
    tag: Type.Optional(Type.String({ maxLength: 64 })),
    requesterId: Type.Optional(Uuid),
    type: Type.Optional(TicketType),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    updatedWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type TicketFilters = Static<typeof TicketFilters>;

export const ListTicketsQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    priority: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    channel: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    assignee: Type.Optional(Type.String({ pattern: `^(me|none|${UUID_PATTERN})$` })),
    group: Type.Optional(Type.String({ pattern: `^(none|${UUID_PATTERN})$` })),
    tag: Type.Optional(Type.String({ maxLength: 64 })),
    requesterId: Type.Optional(Uuid),
    type: Type.Optional(TicketType),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    updatedWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    viewId: Type.Optional(Uuid),
    sort: Type.Optional(TicketSort),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListTicketsQuery = Static<typeof ListTicketsQuery>;

export const TicketIdParams = Type.Object(
  { id: Type.String({ pattern: '^([0-9]{1,15}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$' }) },
  { additionalProperties: false },
);
export type TicketIdParams = Static<typeof TicketIdParams>;

export const Attachment = Type.Object({
  id: Uuid,
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});
export type Attachment = Static<typeof Attachment>;

export const Message = Type.Object({
  id: Uuid,
  ticketId: Uuid,
  kind: lit(['public', 'note'] as const),
  authorType: lit(['agent', 'customer', 'system'] as const),
  author: Nullable(PersonSummary),
  body: Type.String(),
  channel: Type.String(),
  channelMeta: Type.Record(Type.String(), Type.Unknown()),
  deliveryStatus: Nullable(Type.String()),
  attachments: Type.Array(Attachment),
  createdAt: DateTime,
});
export type Message = Static<typeof Message>;

export const CreateMessageRequest = Type.Object(
  {
    kind: lit(['public', 'note'] as const),
    body: Text(200_000, 1),
    /** A customer message recorded through the API (e.g. from an outside channel). */
    authorType: Type.Optional(lit(['agent', 'customer'] as const)),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    /** Send and set status: e.g. reply and mark pending. */
    setStatus: Type.Optional(TicketStatus),
    mentionIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateMessageRequest = Static<typeof CreateMessageRequest>;

export const MergeTicketRequest = Type.Object({ targetId: Uuid, comment: Type.Optional(Text(10_000)) }, { additionalProperties: false });
export type MergeTicketRequest = Static<typeof MergeTicketRequest>;

export const LinkKind = lit(['incident_of', 'related'] as const);
export const CreateLinkRequest = Type.Object({ kind: LinkKind, targetId: Uuid }, { additionalProperties: false });
export type CreateLinkRequest = Static<typeof CreateLinkRequest>;
export const TicketLink = Type.Object({
  id: Uuid,
  kind: lit(['incident_of', 'follow_up_of', 'merged_into', 'related'] as const),
  direction: lit(['outgoing', 'incoming'] as const),
  ticket: Type.Object({ id: Uuid, number: Type.Integer(), subject: Type.String(), status: TicketStatus }),
  createdAt: DateTime,
});
export type TicketLink = Static<typeof TicketLink>;

export const TicketEvent = Type.Object({
  id: Type.Integer(),
  ticketId: Nullable(Uuid),
  kind: Type.String(),
  field: Nullable(Type.String()),
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
  data: Type.Unknown(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Uuid), name: Nullable(Type.String()) }),
  createdAt: DateTime,
});
export type TicketEvent = Static<typeof TicketEvent>;

export const FieldDefinition = Type.Object({
  id: Uuid,
  key: Type.String(),
  labelEn: Type.String(),
  labelZh: Type.String(),
  type: lit(['text', 'number', 'date', 'dropdown', 'checkbox'] as const),
  options: Type.Array(Type.String()),
  requiredOnSolve: Type.Boolean(),
  isActive: Type.Boolean(),
  position: Type.Integer(),
});
export type FieldDefinition = Static<typeof FieldDefinition>;
export const CreateFieldRequest = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
    labelEn: Text(200, 1),
    labelZh: Text(200, 1),
    type: lit(['text', 'number', 'date', 'dropdown', 'checkbox'] as const),
    options: Type.Optional(Type.Array(Text(200, 1), { maxItems: 500, uniqueItems: true })),
    requiredOnSolve: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type CreateFieldRequest = Static<typeof CreateFieldRequest>;
export const UpdateFieldRequest = Type.Object(
  {
    labelEn: Type.Optional(Text(200, 1)),
    labelZh: Type.Optional(Text(200, 1)),
    options: Type.Optional(Type.Array(Text(200, 1), { maxItems: 500, uniqueItems: true })),
    requiredOnSolve: Type.Optional(Type.Boolean()),
    isActive: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFieldRequest = Static<typeof UpdateFieldRequest>;

export const View = Type.Object({
  id: Uuid,
  name: Type.String(),
  shared: Type.Boolean(),
  filters: TicketFilters,
  sort: TicketSort,
  position: Type.Integer(),
});
export type View = Static<typeof View>;
export const CreateViewRequest = Type.Object(
  {
    name: Text(100, 1),
    shared: Type.Optional(Type.Boolean()),
    filters: TicketFilters,
    sort: Type.Optional(TicketSort),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type CreateViewRequest = Static<typeof CreateViewRequest>;
export const UpdateViewRequest = Type.Partial(CreateViewRequest, { additionalProperties: false, minProperties: 1 });
export type UpdateViewRequest = Static<typeof UpdateViewRequest>;

export const Notification = Type.Object({
  id: Uuid,
  kind: Type.String(),
  ticketId: Nullable(Uuid),
  ticketNumber: Nullable(Type.Integer()),
  ticketSubject: Nullable(Type.String()),
  messageId: Nullable(Uuid),
  actor: Nullable(PersonSummary),
  readAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type Notification = Static<typeof Notification>;

export const SearchQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) },
  { additionalProperties: false },
);
export const SearchHit = Type.Object({
  ticket: Ticket,
  rank: Type.Number(),
  highlights: Type.Array(Type.Object({ source: lit(['subject', 'message'] as const), messageId: Nullable(Uuid), html: Type.String() })),
});
export type SearchHit = Static<typeof SearchHit>;

/** The inbox's built-in views (shared by the server's counts and the web app's lists). */
export const BUILTIN_VIEWS: ReadonlyArray<{ key: string; filters: TicketFilters }> = [
  { key: 'my_open', filters: { assignee: 'me', status: ['new', 'open'] } },
  { key: 'unassigned', filters: { assignee: 'none', status: ['new', 'open', 'pending', 'on_hold'] } },
  { key: 'all_open', filters: { status: ['new', 'open'] } },
  { key: 'pending', filters: { status: ['pending'] } },
  { key: 'on_hold', filters: { status: ['on_hold'] } },
  { key: 'solved_7d', filters: { status: ['solved', 'closed'], updatedWithinDays: 7 } },
];
