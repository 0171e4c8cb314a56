import type { z } from 'zod';

type Def =
  | z.core.$ZodObjectDef
  | z.core.$ZodArrayDef
  | z.core.$ZodTupleDef
  | z.core.$ZodUnionDef
  | z.core.$ZodLiteralDef<z.core.util.Literal>
  | z.core.$ZodOptionalDef
  | z.core.$ZodNullableDef
  | z.core.$ZodDefaultDef
  | z.core.$ZodPrefaultDef
  | z.core.$ZodPipeDef
  | z.core.$ZodTypeDef;

function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as Def;
}

/**
 * The schema of the value itself, seen through defaults, optionals and input pipes (transforms),
 * and through unions: the option whose literal keys (e.g. `form: constant`) match `value`.
 */
function unwrap(schema: z.core.$ZodType, value: unknown): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if ('innerType' in def) current = def.innerType;
    else if (def.type === 'pipe' && 'in' in def) current = def.in;
    else if (def.type === 'union' && 'options' in def) {
      const match = def.options.find((option) => literalsMatch(unwrap(option, value), value));
      if (match === undefined) return current;
      current = match;
    } else return current;
  }
}

/** True when every literal-valued key of an object schema has that value in `value`. */
function literalsMatch(schema: z.core.$ZodType, value: unknown): boolean {
  const def = defOf(schema);
  if (!(def.type === 'object' && 'shape' in def)) return false;
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(def.shape).every(([key, field]) => {
    const fieldDef = defOf(field);
    return !(fieldDef.type === 'literal' && 'values' in fieldDef) || fieldDef.values.includes(record[key] as z.core.util.Literal);
  });
}

/**
 * The schema of the value at `path` (object keys and list indices), or undefined. `data` is the
 * whole input: it picks the option of a union on the way.
 */
export function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[], data?: unknown): z.core.$ZodType | undefined {
  let value = data;
  let current: z.core.$ZodType | undefined = unwrap(schema, value);
  for (const key of path) {
    if (current === undefined) return undefined;
    const def = defOf(current);
    if (def.type === 'object' && 'shape' in def && typeof key === 'string') current = def.shape[key];
    else if (def.type === 'array' && 'element' in def && typeof key === 'number') current = def.element;
    else if (def.type === 'tuple' && 'items' in def && typeof key === 'number') current = def.items[key];
    else return undefined;
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    if (current !== undefined) current = unwrap(current, value);
  }
  return current;
}

/** The keys an object schema allows at `path`, in schema order; undefined if it is not an object. */
export function allowedKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], data?: unknown): string[] | undefined {
  const at = schemaAt(schema, path, data);
  if (at === undefined) return undefined;
  const def = defOf(at);
  return def.type === 'object' && 'shape' in def ? Object.keys(def.shape) : undefined;
}
