/**
 * A small JSON Schema subset for run inputs: `type` (one or a list), `properties`, `required`,
 * `items`, `enum` and `additionalProperties: false`. Other keywords are ignored.
 */

import { describeType } from './block-labels';
import { jsonEquals } from './json-values';

interface InputSchema {
  type?: string | string[];
  properties?: Record<string, InputSchema>;
  required?: string[];
  items?: InputSchema;
  enum?: unknown[];
  additionalProperties?: boolean;
}

/** Lists every mismatch between the value and the schema, each naming its path (`input.items[2]`). */
export function checkInputSchema(value: unknown, schema: unknown, path = 'input'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const rules = schema as InputSchema;

  const typeProblem = checkType(value, rules.type, path);
  if (typeProblem) return [typeProblem];

  if (rules.enum && !rules.enum.some((allowed) => jsonEquals(allowed, value))) {
    return [`${path} must be one of ${JSON.stringify(rules.enum)}, got ${JSON.stringify(value)}`];
  }
  if (Array.isArray(value) && rules.items) {
    return value.flatMap((item, index) => checkInputSchema(item, rules.items, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return checkObject(value as Record<string, unknown>, rules, path);
  }
  return [];
}

function checkObject(value: Record<string, unknown>, rules: InputSchema, path: string): string[] {
  const problems: string[] = [];

  for (const key of rules.required ?? []) {
    if (!Object.hasOwn(value, key)) problems.push(`${path}.${key} is required`);
  }
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = rules.properties?.[key];
    if (propertySchema) problems.push(...checkInputSchema(item, propertySchema, `${path}.${key}`));
    else if (rules.additionalProperties === false) problems.push(`${path}.${key} is not allowed`);
  }
  return problems;
}

function checkType(
  value: unknown,
  type: string | string[] | undefined,
  path: string,
): string | null {
  if (type === undefined) return null;

  const allowed = Array.isArray(type) ? type : [type];
  if (allowed.some((name) => hasJsonType(value, name))) return null;
  return `${path} must be ${allowed.join(' or ')}, got ${describeType(value)}`;
}

function hasJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}
