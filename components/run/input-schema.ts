/**
 * A small JSON schema checker for run input: the subset `type`, `properties`, `required`,
 * `items`, `enum` and `additionalProperties: false` that the engine also checks. Other keywords
 * are ignored. Pure, so the input
 * editor runs it on every keystroke.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface InputSchemaProblem {
  /** Location of the problem, written like an expression: `input.items[2].qty`. */
  path: string;
  message: string;
}

type SchemaObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the JSON type name of a parsed JSON value. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(value: unknown, expected: string): boolean {
  const actual = jsonTypeOf(value);
  if (expected === 'number') return actual === 'number' || actual === 'integer';
  return actual === expected;
}

function describeType(value: unknown): string {
  const actual = jsonTypeOf(value);
  return actual === 'integer' ? 'number' : actual;
}

/** Compares two parsed JSON values by content; object key order does not matter. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;

  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;

  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => key in recordB && jsonEqual(recordA[key], recordB[key]));
}

function propertyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function checkType(value: unknown, schema: SchemaObject, path: string): InputSchemaProblem[] {
  const expected = schema.type;
  if (expected === undefined) return [];

  const allowed = Array.isArray(expected) ? expected.map(String) : [String(expected)];
  if (allowed.some((type) => matchesType(value, type))) return [];

  return [{ path, message: `expected ${allowed.join(' or ')}, got ${describeType(value)}` }];
}

function checkObject(
  value: Record<string, unknown>,
  schema: SchemaObject,
  path: string,
): InputSchemaProblem[] {
  const problems: InputSchemaProblem[] = [];
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];

  for (const key of required) {
    if (!(key in value)) {
      problems.push({ path, message: `missing required property "${key}"` });
    }
  }

  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (key in value) {
      problems.push(...checkValue(value[key], propertySchema, propertyPath(path, key)));
    }
  }

  if (schema.additionalProperties === false) {
    for (const key of Object.keys(value)) {
      if (!(key in properties)) {
        problems.push({ path, message: `unexpected property "${key}"` });
      }
    }
  }

  return problems;
}

function checkValue(value: unknown, schema: unknown, path: string): InputSchemaProblem[] {
  if (!isPlainObject(schema)) return [];

  const typeProblems = checkType(value, schema, path);
  if (typeProblems.length > 0) return typeProblems;

  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => jsonEqual(allowed, value))) {
    const allowed = schema.enum.map((entry) => JSON.stringify(entry)).join(', ');
    return [{ path, message: `must be one of ${allowed}, got ${JSON.stringify(value)}` }];
  }

  if (isPlainObject(value)) return checkObject(value, schema, path);

  if (Array.isArray(value) && schema.items !== undefined) {
    return value.flatMap((item, index) => checkValue(item, schema.items, `${path}[${index}]`));
  }

  return [];
}

/**
 * Checks `value` against `schema` and returns every problem, each naming its path from `input`.
 * A missing or non-object schema accepts anything.
 */
export function checkInputAgainstSchema(value: unknown, schema: unknown): InputSchemaProblem[] {
  return checkValue(value, schema, 'input');
}

export type ParsedInput = { ok: true; value: unknown } | { ok: false; problems: string[] };

/**
 * Parses the input editor's text and checks it against the input block's schema. Empty text is
 * `{}`. Problems read as `input.items[0].qty: expected number, got string`.
 */
export function parseRunInput(text: string, schema: unknown): ParsedInput {
  let value: unknown;

  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`Input is not valid JSON: ${reason}`] };
  }

  const problems = checkInputAgainstSchema(value, schema);
  if (problems.length > 0) {
    return {
      ok: false,
      problems: problems.map((problem) => `${problem.path}: ${problem.message}`),
    };
  }

  return { ok: true, value };
}
