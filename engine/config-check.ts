/**
 * The checks a block's config rule is written with: each reports a problem that names the block
 * and the field, so validation can list every problem at once.
 */

import { blockLabel, describeType } from './block-labels';
import type { GraphNode } from './types';
import type { ProblemList } from './validation-problems';

/** Syntax checks of the sandbox: each returns the parse error's message, or null. */
export interface SyntaxCheckers {
  expression(source: string): string | null;
  script(code: string): string | null;
}

type Config = Record<string, unknown>;

/** Reports the problems of one block's config against the rules of its type. */
export class ConfigCheck {
  readonly config: Config;

  constructor(
    readonly node: GraphNode,
    private readonly problems: ProblemList,
    private readonly syntax: SyntaxCheckers,
  ) {
    this.config = node.config as unknown as Config;
  }

  report(
    code: 'config_missing' | 'config_invalid' | 'expression_invalid' | 'query_limit_too_large',
    problem: string,
  ): void {
    this.problems.add(code, `${blockLabel(this.node)}: ${problem}`, { blockId: this.node.id });
  }

  /** Checks an expression field: present when required, a string, and parseable. */
  expression(field: string, value: unknown, required: boolean): void {
    if (value === undefined || value === '') {
      if (required) this.report('config_missing', `${field} is required`);
      return;
    }
    if (typeof value !== 'string') {
      this.report(
        'config_invalid',
        `${field} must be an expression string, got ${describeType(value)}`,
      );
      return;
    }

    const error = this.syntax.expression(value);
    if (error !== null) this.report('expression_invalid', `${field} does not parse: ${error}`);
  }

  /** Checks `js` code: present, and parseable as a function body. */
  script(field: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(
        'config_missing',
        `${field} is required (a function body that returns a JSON value)`,
      );
      return;
    }

    const error = this.syntax.script(value);
    if (error !== null) this.report('expression_invalid', `${field} does not parse: ${error}`);
  }

  /** Checks an object of expressions such as `values` or `headers`. */
  expressionRecord(field: string, required: boolean): void {
    const value = this.config[field];
    if (value === undefined && !required) return;

    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(
        value === undefined ? 'config_missing' : 'config_invalid',
        `${field} must be an object of names to expressions, got ${describeType(value)}`,
      );
      return;
    }
    for (const [name, source] of Object.entries(value)) {
      this.expression(`${field}.${name}`, source, true);
    }
  }

  text(field: string, required: boolean): void {
    const value = this.config[field];
    if (value === undefined && !required) return;

    if (typeof value !== 'string' || value.trim() === '') {
      const problem =
        value === undefined
          ? `${field} is required`
          : `${field} must be a non-empty string, got ${JSON.stringify(value)}`;
      this.report(value === undefined ? 'config_missing' : 'config_invalid', problem);
    }
  }

  choice(field: string, choices: readonly string[], required: boolean): void {
    const value = this.config[field];
    if (value === undefined && !required) return;

    if (!choices.includes(value as string)) {
      const got = value === undefined ? 'nothing' : JSON.stringify(value);
      this.report(
        value === undefined ? 'config_missing' : 'config_invalid',
        `${field} must be one of ${choices.join(', ')}, got ${got}`,
      );
    }
  }

  integer(field: string, min: number, max: number): void {
    const value = this.config[field];
    if (value === undefined) return;

    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.report(
        'config_invalid',
        `${field} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
      );
    }
  }

  boolean(field: string): void {
    const value = this.config[field];
    if (value !== undefined && typeof value !== 'boolean') {
      this.report('config_invalid', `${field} must be true or false, got ${JSON.stringify(value)}`);
    }
  }
}
