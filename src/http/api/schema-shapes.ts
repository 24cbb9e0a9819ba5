/** JSON Schema shorthands for API views: every property present, none besides. */

export const nullable = (type: string) => ({ type: [type, 'null'] });

export const object = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
