/**
 * JSON Schema fragments whose limits are read from the entity columns, so an API limit and the
 * column it fills cannot drift apart.
 */

/** Any `defineEntity` result: only its metadata is read. */
interface AnyEntitySchema {
  meta: { className: string; properties: object };
}

export function columnLength(entity: AnyEntitySchema, property: string): number {
  const length = (entity.meta.properties as Record<string, { length?: unknown } | undefined>)[property]
    ?.length;
  if (typeof length !== 'number') throw new Error(`${entity.meta.className}.${property} declares no length`);
  return length;
}

/** A required, non-empty string that fits `entity.property`. */
export function columnText(entity: AnyEntitySchema, property: string) {
  return { type: 'string', minLength: 1, maxLength: columnLength(entity, property) } as const;
}

/** The same, or null to clear it. */
export function nullableColumnText(entity: AnyEntitySchema, property: string) {
  return { type: ['string', 'null'], maxLength: columnLength(entity, property) } as const;
}
