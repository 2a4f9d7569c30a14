import { describe, expect, it } from 'vitest';

// The core's numbers arrive as JSON numbers: a generated type that says
// `bigint` (an i64 or u64 without `#[ts(type = "number")]`) would let a
// screen treat a number as a bigint and fail only at run time.
const sources = import.meta.glob<string>('./bindings/*.ts', { query: '?raw', import: 'default', eager: true });

describe('the generated types', () => {
  it('name no bigint', () => {
    expect(Object.keys(sources).length, 'the generated types were read').toBeGreaterThan(50);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /\bbigint\b/.test(text))
      .map(([file]) => file);
    expect(offenders, 'add #[ts(type = "number")] to the Rust field').toEqual([]);
  });
});
