import { z } from 'zod';

type Def =
  | z.core.$ZodObjectDef
  | z.core.$ZodArrayDef
  | z.core.$ZodTupleDef
  | z.core.$ZodOptionalDef
  | z.core.$ZodNullableDef
  | z.core.$ZodDefaultDef
  | z.core.$ZodPrefaultDef
  | z.core.$ZodPipeDef
  | z.core.$ZodTypeDef;

/** The schema of the value itself, seen through defaults, optionals and input pipes (transforms). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as Def;
    if ('innerType' in def) current = def.innerType;
    else if (def.type === 'pipe' && 'in' in def) current = def.in;
    else return current;
  }
}

/** The schema of the value at `path` (object keys and list indices), or undefined. */
export function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (current === undefined) return undefined;
    const def = current._zod.def as Def;
    if (def.type === 'object' && 'shape' in def && typeof key === 'string') current = def.shape[key];
    else if (def.type === 'array' && 'element' in def && typeof key === 'number') current = def.element;
    else if (def.type === 'tuple' && 'items' in def && typeof key === 'number') current = def.items[key];
    else return undefined;
    if (current !== undefined) current = unwrap(current);
  }
  return current;
}

/** The keys an object schema allows at `path`, in schema order; undefined if it is not an object. */
export function allowedKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const at = schemaAt(schema, path);
  if (at === undefined) return undefined;
  const def = at._zod.def as Def;
  return def.type === 'object' && 'shape' in def ? Object.keys(def.shape) : undefined;
}
