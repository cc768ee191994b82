export const ROLES = ['owner', 'admin', 'supervisor', 'agent', 'light_agent'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { owner: 5, admin: 4, supervisor: 3, agent: 2, light_agent: 1 };

/** True when `role` is at least `min` in the hierarchy owner > admin > supervisor > agent > light agent. */
export function hasRole(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** Who may give which role: only an owner creates owners; admins manage everyone below them. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (target === 'owner') return actor === 'owner';
  return hasRole(actor, 'admin') && RANK[actor] >= RANK[target];
}
