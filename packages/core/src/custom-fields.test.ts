import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCustomFields, type FieldDefinition, type FieldValue } from './custom-fields.js';

const defs: FieldDefinition[] = [
  { key: 'order_no', type: 'text', options: [], requiredOnSolve: true, isActive: true },
  { key: 'amount', type: 'number', options: [], requiredOnSolve: false, isActive: true },
  { key: 'due', type: 'date', options: [], requiredOnSolve: false, isActive: true },
  { key: 'reason', type: 'dropdown', options: ['damaged', 'late'], requiredOnSolve: false, isActive: true },
  { key: 'vip', type: 'checkbox', options: [], requiredOnSolve: false, isActive: true },
  { key: 'old', type: 'text', options: [], requiredOnSolve: true, isActive: false },
];

describe('validateCustomFields', () => {
  const cases: Array<[string, Record<string, FieldValue>, string[]]> = [
    ['valid values', { order_no: 'A1', amount: 12.5, due: '2026-02-28', reason: 'late', vip: true }, []],
    ['unknown key', { nope: 'x' }, ['nope:unknown_field']],
    ['inactive key', { old: 'x' }, ['old:unknown_field']],
    ['number as string', { amount: '12' }, ['amount:invalid_type']],
    ['NaN-like infinity is not a number', { amount: Number.POSITIVE_INFINITY }, ['amount:invalid_type']],
    ['impossible date', { due: '2026-02-30' }, ['due:invalid_date']],
    ['date with time', { due: '2026-02-01T00:00' }, ['due:invalid_date']],
    ['option not offered', { reason: 'lost' }, ['reason:invalid_option']],
    ['checkbox as string', { vip: 'yes' }, ['vip:invalid_type']],
    ['null clears', { amount: null }, []],
  ];
  for (const [name, patch, expected] of cases) {
    it(name, () => {
      const r = validateCustomFields(defs, {}, patch, { solving: false });
      assert.deepEqual(
        r.errors.map((e) => `${e.key}:${e.code}`),
        expected,
      );
    });
  }

  it('requires required-on-solve fields only when solving, counting current values', () => {
    assert.deepEqual(validateCustomFields(defs, {}, {}, { solving: true }).errors, [{ key: 'order_no', code: 'required_on_solve' }]);
    assert.deepEqual(validateCustomFields(defs, { order_no: 'A1' }, {}, { solving: true }).errors, []);
    assert.deepEqual(validateCustomFields(defs, { order_no: 'A1' }, { order_no: '' }, { solving: true }).errors, [
      { key: 'order_no', code: 'required_on_solve' },
    ]);
  });

  it('merges and clears values', () => {
    const r = validateCustomFields(defs, { amount: 1, vip: true }, { amount: null, reason: 'damaged' }, { solving: false });
    assert.deepEqual(r.values, { vip: true, reason: 'damaged' });
  });
});
