import { badRequest } from '../../engine/errors.js';

export type IdentityKind = 'email' | 'phone' | 'wechat' | 'visitor';

/** The stored, comparable form of an identity value. */
export function normalizeIdentity(kind: IdentityKind, value: string): string {
  const v = value.normalize('NFKC').trim();
  switch (kind) {
    case 'email':
      return v.toLowerCase();
    case 'phone': {
      const digits = v.replace(/[^\d+]/g, '');
      const n = digits.startsWith('+') ? `+${digits.slice(1).replace(/\+/g, '')}` : digits.replace(/\+/g, '');
      if (n.replace('+', '').length < 5) throw badRequest('invalid_phone', `Not a phone number: ${value}`);
      return n;
    }
    default:
      return v;
  }
}
