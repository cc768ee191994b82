import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, PageQuery, Text, Uuid, lit } from './common.js';

export const IdentityKind = lit(['email', 'phone', 'wechat', 'visitor'] as const);
export const IdentityInput = Type.Object(
  { kind: IdentityKind, value: Text(254, 1), displayName: Type.Optional(Text(200)) },
  { additionalProperties: false },
);
export type IdentityInput = Static<typeof IdentityInput>;

export const Identity = Type.Object({ id: Uuid, kind: IdentityKind, value: Type.String(), displayName: Nullable(Type.String()) });

export const Customer = Type.Object({
  id: Uuid,
  name: Type.String(),
  organizationId: Nullable(Uuid),
  language: Nullable(Type.String()),
  notes: Type.String(),
  tags: Type.Array(Type.String()),
  /** A service tier such as "vip" or "gold"; SLA policies can target it. */
  tier: Nullable(Type.String()),
  identities: Type.Array(Identity),
  mergedIntoId: Nullable(Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Customer = Static<typeof Customer>;

const Tag = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s,]+$' });
export const TagList = Type.Array(Tag, { maxItems: 50, uniqueItems: true });
const Tier = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\s,]+$' });

export const CreateCustomerRequest = Type.Object(
  {
    name: Text(200, 1),
    organizationId: Type.Optional(Nullable(Uuid)),
    language: Type.Optional(Nullable(Text(16))),
    notes: Type.Optional(Text(10_000)),
    tags: Type.Optional(TagList),
    tier: Type.Optional(Nullable(Tier)),
    identities: Type.Optional(Type.Array(IdentityInput, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type CreateCustomerRequest = Static<typeof CreateCustomerRequest>;

export const UpdateCustomerRequest = Type.Object(
  {
    name: Type.Optional(Text(200, 1)),
    organizationId: Type.Optional(Nullable(Uuid)),
    language: Type.Optional(Nullable(Text(16))),
    notes: Type.Optional(Text(10_000)),
    tags: Type.Optional(TagList),
    tier: Type.Optional(Nullable(Tier)),
    addIdentities: Type.Optional(Type.Array(IdentityInput, { maxItems: 20 })),
    removeIdentityIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCustomerRequest = Static<typeof UpdateCustomerRequest>;

export const ListCustomersQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), organizationId: Type.Optional(Uuid), ...PageQuery },
  { additionalProperties: false },
);
export type ListCustomersQuery = Static<typeof ListCustomersQuery>;

export const MergeCustomerRequest = Type.Object({ sourceId: Uuid }, { additionalProperties: false });

export const Organization = Type.Object({
  id: Uuid,
  name: Type.String(),
  domains: Type.Array(Type.String()),
  notes: Type.String(),
  createdAt: DateTime,
});
export type Organization = Static<typeof Organization>;
export const CreateOrganizationRequest = Type.Object(
  {
    name: Text(200, 1),
    domains: Type.Optional(Type.Array(Type.String({ maxLength: 253, pattern: '^[a-z0-9.-]+$' }), { maxItems: 50 })),
    notes: Type.Optional(Text(10_000)),
  },
  { additionalProperties: false },
);
export type CreateOrganizationRequest = Static<typeof CreateOrganizationRequest>;
export const UpdateOrganizationRequest = Type.Partial(CreateOrganizationRequest, { additionalProperties: false, minProperties: 1 });
export type UpdateOrganizationRequest = Static<typeof UpdateOrganizationRequest>;
