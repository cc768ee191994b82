export const FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDefinition {
  key: string;
  type: FieldType;
  options: string[];
  requiredOnSolve: boolean;
  isActive: boolean;
}

export type FieldValue = string | number | boolean | null;

export interface FieldError {
  key: string;
  code: 'unknown_field' | 'invalid_type' | 'invalid_option' | 'invalid_date' | 'required_on_solve' | 'too_long';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

function checkValue(def: FieldDefinition, value: FieldValue): FieldError['code'] | null {
  if (value === null) return null;
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return 'invalid_type';
      return value.length > 10_000 ? 'too_long' : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'invalid_type';
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'invalid_type';
    case 'date':
      if (typeof value !== 'string') return 'invalid_type';
      return validDate(value) ? null : 'invalid_date';
    case 'dropdown':
      if (typeof value !== 'string') return 'invalid_type';
      return def.options.includes(value) ? null : 'invalid_option';
  }
}

function isEmpty(v: FieldValue | undefined): boolean {
  return v === undefined || v === null || v === '' || v === false;
}

/**
 * Validates a patch of custom field values against the workspace's definitions and returns the
 * merged values. With `solving`, every active required-on-solve field must hold a value.
 */
export function validateCustomFields(
  defs: readonly FieldDefinition[],
  current: Readonly<Record<string, FieldValue>>,
  patch: Readonly<Record<string, FieldValue>>,
  opts: { solving: boolean },
): { values: Record<string, FieldValue>; errors: FieldError[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  const values: Record<string, FieldValue> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const def = byKey.get(key);
    if (!def || !def.isActive) {
      errors.push({ key, code: 'unknown_field' });
      continue;
    }
    const code = checkValue(def, value);
    if (code) errors.push({ key, code });
    else if (value === null) delete values[key];
    else values[key] = value;
  }
  if (opts.solving) {
    for (const def of defs) {
      if (def.isActive && def.requiredOnSolve && isEmpty(values[def.key])) {
        errors.push({ key: def.key, code: 'required_on_solve' });
      }
    }
  }
  return { values, errors };
}
