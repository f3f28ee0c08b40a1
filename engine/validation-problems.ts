import type { ValidationProblem } from './types';

/** Stable codes of validation problems, for callers that react to one kind. */
export type ValidationCode =
  | 'graph_invalid'
  | 'graph_too_large'
  | 'node_invalid'
  | 'id_invalid'
  | 'id_duplicate'
  | 'block_type_unknown'
  | 'parent_invalid'
  | 'edge_invalid'
  | 'edge_missing_block'
  | 'edge_self'
  | 'edge_crosses_scope'
  | 'edge_label_missing'
  | 'cycle'
  | 'config_missing'
  | 'config_invalid'
  | 'expression_invalid'
  | 'output_key_duplicate'
  | 'query_limit_too_large'
  | 'operator_unsupported'
  | 'sort_unsupported';

/** Collects problems so that validation reports all of them at once. */
export class ProblemList {
  readonly problems: ValidationProblem[] = [];

  add(
    code: ValidationCode,
    message: string,
    ids: { blockId?: string; edgeId?: string } = {},
  ): void {
    this.problems.push({ ...definedIds(ids), code, message });
  }
}

function definedIds(ids: { blockId?: string; edgeId?: string }): Partial<ValidationProblem> {
  const defined: Partial<ValidationProblem> = {};
  if (ids.blockId !== undefined) defined.blockId = ids.blockId;
  if (ids.edgeId !== undefined) defined.edgeId = ids.edgeId;
  return defined;
}
