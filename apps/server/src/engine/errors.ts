import { DomainError } from '@kefu/core/errors';

/** The one error type of the server: a stable code, an HTTP status and a human message. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(`${what}_not_found`, 404, `${what.replace(/_/g, ' ')} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('forbidden', 403, message);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(code, 400, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(code, 409, message, details);

/** Domain rule violations are client errors: 409 for state conflicts, 422 for invalid values. */
const DOMAIN_STATUS: Record<string, number> = {
  ticket_closed: 409,
  invalid_status_transition: 409,
};

export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof DomainError) return new AppError(e.code, DOMAIN_STATUS[e.code] ?? 422, e.message, e.details);
  return null;
}
