import type { Role } from '@kefu/core/roles';

export type Scope = 'read' | 'write' | 'admin';

export type Principal =
  | {
      kind: 'user';
      workspaceId: string;
      userId: string;
      role: Role;
      via: 'session' | 'token';
      scopes: readonly Scope[];
      sessionId: string | null;
      csrfToken: string | null;
      tokenId: string | null;
    }
  | { kind: 'customer'; workspaceId: string; customerId: string; via: 'token'; tokenId: string };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** Who did it, as written into events. */
export interface Actor {
  workspaceId: string;
  type: 'user' | 'customer' | 'system';
  id: string | null;
}

export function actorOf(p: Principal): Actor {
  return p.kind === 'user'
    ? { workspaceId: p.workspaceId, type: 'user', id: p.userId }
    : { workspaceId: p.workspaceId, type: 'customer', id: p.customerId };
}

export const systemActor = (workspaceId: string): Actor => ({ workspaceId, type: 'system', id: null });

/**
 * Route-level access: who may call it and the least role. Every route states it; default is agent.
 * `any`: an agent (with the role and scope rules) or a customer token.
 */
export interface RouteAccess {
  auth?: 'public' | 'agent' | 'customer' | 'any';
  role?: Role;
  scope?: Scope;
}
