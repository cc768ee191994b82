import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Text, Uuid, lit } from './common.js';

export const Role = lit(['owner', 'admin', 'supervisor', 'agent', 'light_agent'] as const);
export const Language = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 200 });
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' });

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  language: Nullable(Type.String()),
  timeZone: Nullable(Type.String()),
  isActive: Type.Boolean(),
  groupIds: Type.Array(Uuid),
  createdAt: DateTime,
});
export type User = Static<typeof User>;

export const CreateUserRequest = Type.Object(
  {
    email: Email,
    name: Text(200, 1),
    role: Role,
    password: Type.Optional(Password),
    language: Type.Optional(Language),
    groupIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type CreateUserRequest = Static<typeof CreateUserRequest>;

export const UpdateUserRequest = Type.Object(
  {
    name: Type.Optional(Text(200, 1)),
    role: Type.Optional(Role),
    language: Type.Optional(Nullable(Language)),
    timeZone: Type.Optional(Nullable(TimeZone)),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;

export const LoginRequest = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 200 }),
    workspace: Type.Optional(Type.String({ maxLength: 64 })),
    remember: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const Workspace = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  defaultLanguage: Type.String(),
  timeZone: Type.String(),
});
export type Workspace = Static<typeof Workspace>;

export const MeResponse = Type.Object({ user: User, workspace: Workspace, csrfToken: Nullable(Type.String()) });
export type MeResponse = Static<typeof MeResponse>;

export const ChangePasswordRequest = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);

export const SetupRequest = Type.Object(
  {
    workspaceName: Text(200, 1),
    workspaceSlug: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' })),
    name: Text(200, 1),
    email: Email,
    password: Password,
    language: Language,
    timeZone: TimeZone,
  },
  { additionalProperties: false },
);
export type SetupRequest = Static<typeof SetupRequest>;

export const UpdateWorkspaceRequest = Type.Object(
  { name: Type.Optional(Text(200, 1)), defaultLanguage: Type.Optional(Language), timeZone: Type.Optional(TimeZone) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWorkspaceRequest = Static<typeof UpdateWorkspaceRequest>;

export const Group = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  memberIds: Type.Array(Uuid),
  createdAt: DateTime,
});
export type Group = Static<typeof Group>;

export const CreateGroupRequest = Type.Object(
  { name: Text(100, 1), description: Type.Optional(Text(2000)), memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })) },
  { additionalProperties: false },
);
export type CreateGroupRequest = Static<typeof CreateGroupRequest>;
export const UpdateGroupRequest = Type.Object(
  {
    name: Type.Optional(Text(100, 1)),
    description: Type.Optional(Text(2000)),
    memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateGroupRequest = Static<typeof UpdateGroupRequest>;

export const TokenScope = Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('admin')]);
export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(TokenScope),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
});
export const CreateTokenRequest = Type.Object(
  {
    name: Text(100, 1),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: 3, uniqueItems: true }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type CreateTokenRequest = Static<typeof CreateTokenRequest>;
