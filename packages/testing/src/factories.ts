import type { CreateCustomerRequest } from '@kefu/contracts/customers';
import type { CreateTicketRequest } from '@kefu/contracts/tickets';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A valid ticket creation body with a fresh requester; override any field. */
export function makeTicketRequest(overrides: Partial<CreateTicketRequest> = {}): CreateTicketRequest {
  return {
    subject: `Test ticket ${next()}`,
    body: 'Something is wrong',
    requester: { email: `customer-${next()}@example.com`, name: 'Test Customer' },
    ...overrides,
  };
}

/** A valid customer creation body with a fresh email identity. */
export function makeCustomerRequest(overrides: Partial<CreateCustomerRequest> = {}): CreateCustomerRequest {
  return { name: `Customer ${next()}`, identities: [{ kind: 'email', value: `c-${next()}@example.com` }], ...overrides };
}
