/**
 * Validation of each block's config: required fields per type, field types and ranges, and that
 * every expression and `js` code parses.
 */

import { describeType } from './block-labels';
import { ConfigCheck, type SyntaxCheckers } from './config-check';
import { FILTER_OPERATORS, type GraphNode } from './types';
import type { ProblemList } from './validation-problems';

export type { SyntaxCheckers } from './config-check';

/** Default and maximum of a query block's `limit`. */
export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 10_000;

export const MAX_HTTP_RETRIES = 10;
export const MAX_BLOCK_TIMEOUT_MS = 10 * 60_000;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const WRITE_OPERATIONS = ['insert', 'update', 'delete'];

const RESERVED_LOOP_NAMES = new Set(['vars', 'input', 'index']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Checks a block's config; the block's type is known and its config is an object. */
export function checkBlockConfig(
  node: GraphNode,
  problems: ProblemList,
  syntax: SyntaxCheckers,
): void {
  const check = new ConfigCheck(node, problems, syntax);

  if (node.type !== 'branch') check.expression('condition', check.config.condition, false);
  if (node.name !== undefined && typeof node.name !== 'string') {
    check.report('config_invalid', `name must be a string, got ${describeType(node.name)}`);
  }

  CHECKS_BY_TYPE[node.type](check);
}

const CHECKS_BY_TYPE: Record<GraphNode['type'], (check: ConfigCheck) => void> = {
  input: (check) => {
    const schema = check.config.schema;
    if (
      schema !== undefined &&
      (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    ) {
      check.report(
        'config_invalid',
        `schema must be a JSON schema object, got ${describeType(schema)}`,
      );
    }
  },
  query: checkQueryConfig,
  write: checkWriteConfig,
  js: (check) => {
    check.script('code', check.config.code);
    check.text('outputKey', true);
    check.integer('timeoutMs', 1, MAX_BLOCK_TIMEOUT_MS);
  },
  http: (check) => {
    check.choice('method', HTTP_METHODS, true);
    check.expression('url', check.config.url, true);
    check.expressionRecord('headers', false);
    check.expression('body', check.config.body, false);
    check.text('outputKey', true);
    check.integer('timeoutMs', 1, MAX_BLOCK_TIMEOUT_MS);
    check.integer('retries', 0, MAX_HTTP_RETRIES);
    check.expression('idempotencyKey', check.config.idempotencyKey, false);
  },
  branch: (check) => check.expression('condition', check.config.condition, true),
  loop: (check) => {
    check.expression('items', check.config.items, true);
    check.text('outputKey', false);
    const as = check.config.as;
    if (
      as !== undefined &&
      (typeof as !== 'string' || !IDENTIFIER.test(as) || RESERVED_LOOP_NAMES.has(as))
    ) {
      check.report(
        'config_invalid',
        `as must be a JavaScript identifier other than vars, input and index, got ${JSON.stringify(as)}`,
      );
    }
  },
  output: (check) => check.expression('value', check.config.value, true),
};

function checkQueryConfig(check: ConfigCheck): void {
  check.text('table', true);
  check.text('outputKey', true);
  check.boolean('single');
  checkQueryLimit(check);
  checkFilters(check);
  checkSort(check);
}

function checkQueryLimit(check: ConfigCheck): void {
  const limit = check.config.limit;
  if (limit === undefined) return;

  if (typeof limit === 'number' && Number.isInteger(limit) && limit > MAX_QUERY_LIMIT) {
    check.report(
      'query_limit_too_large',
      `limit ${limit} exceeds the maximum of 10,000; narrow the filters or lower the limit`,
    );
  } else {
    check.integer('limit', 1, MAX_QUERY_LIMIT);
  }
}

function checkFilters(check: ConfigCheck): void {
  const filters = check.config.filters;
  if (filters === undefined) return;
  if (!Array.isArray(filters)) {
    check.report('config_invalid', `filters must be an array, got ${describeType(filters)}`);
    return;
  }

  filters.forEach((filter: unknown, index) => {
    const field = `filters[${index}]`;
    if (typeof filter !== 'object' || filter === null) {
      check.report(
        'config_invalid',
        `${field} must be an object with column, op and value, got ${describeType(filter)}`,
      );
      return;
    }

    const { column, op, value } = filter as Record<string, unknown>;
    if (typeof column !== 'string' || column === '')
      check.report('config_missing', `${field}.column is required`);
    if (!(FILTER_OPERATORS as readonly unknown[]).includes(op)) {
      check.report(
        'config_invalid',
        `${field}.op must be one of ${FILTER_OPERATORS.join(', ')}, got ${JSON.stringify(op) ?? 'nothing'}`,
      );
      return;
    }

    const needsValue = op !== 'isNull' && op !== 'notNull';
    if (needsValue) check.expression(`${field}.value`, value, true);
  });
}

function checkSort(check: ConfigCheck): void {
  const sort = check.config.sort;
  if (sort === undefined) return;
  if (!Array.isArray(sort)) {
    check.report('config_invalid', `sort must be an array, got ${describeType(sort)}`);
    return;
  }

  sort.forEach((key: unknown, index) => {
    const { column, direction } = (key ?? {}) as Record<string, unknown>;
    if (typeof column !== 'string' || column === '')
      check.report('config_missing', `sort[${index}].column is required`);
    if (direction !== 'asc' && direction !== 'desc') {
      check.report(
        'config_invalid',
        `sort[${index}].direction must be "asc" or "desc", got ${JSON.stringify(direction) ?? 'nothing'}`,
      );
    }
  });
}

function checkWriteConfig(check: ConfigCheck): void {
  check.text('table', true);
  check.text('outputKey', true);
  check.choice('operation', WRITE_OPERATIONS, true);
  check.expression('idempotencyKey', check.config.idempotencyKey, false);

  const operation = check.config.operation;
  if (operation === 'update' || operation === 'delete')
    check.expression('rowId', check.config.rowId, true);
  if (operation === 'insert' || operation === 'update') check.expressionRecord('values', true);
}
