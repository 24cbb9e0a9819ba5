import fc from 'fast-check';

/**
 * Hostile values for the fuzz test: ordinary text, any unicode, text far past every column,
 * numbers past INT and JavaScript's safe range, times at and past the ends of the calendar, and
 * JSON nested thousands deep.
 */
export const longText = fc
  .tuple(fc.constantFrom('x', '客', '🔧', 'a<b>&', '9'), fc.integer({ min: 60, max: 3000 }))
  .map(([unit, times]) => unit.repeat(times));

export const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  longText,
);

/** Text that survives a URL path and an XML element (no lone surrogates). */
export const printableText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  longText,
);

export const anyNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    2147483648,
    -2147483649,
    1e20,
    0,
    -1,
    1_000_000,
    1_000_001,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const anyTime = fc.oneof(
  fc.constantFrom(
    '9999-12-31T23:59-12:00',
    '0000-01-01',
    '0000-01-01T00:00:00Z',
    '1999-12-31T23:59:59Z',
    '2026-11-27T14:00:00+08:00',
    '2026-02-31T10:00:00+08:00',
    '2031-11-22T23:59:59Z',
    '2026-13-45T99:99Z',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  anyText,
);

export const anyDay = fc.oneof(
  fc.constantFrom('2026-11-23', '2026-02-31', '0000-00-00', '9999-12-31'),
  anyText,
);

export function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

export const anyJson = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.integer({ min: 20, max: 4000 }).map(nested),
  fc.jsonValue({ maxDepth: 2 }),
);

export const anyValue = fc.oneof(anyText, anyNumber, anyJson, fc.constant(null), fc.boolean());
