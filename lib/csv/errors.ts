/** A problem on one line of a CSV file; `line` is 1-based, counting physical lines. */
export interface CsvProblem {
  line: number;
  message: string;
}

export type CsvImportErrorCode =
  'CSV_EMPTY' | 'CSV_INVALID_HEADER' | 'CSV_INVALID_ROWS' | 'CSV_COLUMNS_MISMATCH';

/** How many problems an error message lists before it only counts the rest. */
export const LISTED_PROBLEMS = 5;

/**
 * A CSV file that cannot be imported. `problems` contains every problem found, and the message
 * lists the first few of them and the total.
 */
export class CsvImportError extends Error {
  constructor(
    readonly code: CsvImportErrorCode,
    message: string,
    readonly fileName: string,
    readonly problems: CsvProblem[] = [],
  ) {
    super(message);
    this.name = 'CsvImportError';
  }
}

/** Formats problems as indented `line N: message` lines, the first few and a count of the rest. */
export function formatProblems(problems: readonly CsvProblem[]): string {
  const listed = problems
    .slice(0, LISTED_PROBLEMS)
    .map((problem) => `  line ${problem.line}: ${problem.message}`);
  const rest = problems.length - listed.length;
  if (rest > 0) listed.push(`  ...and ${rest} more`);

  return listed.join('\n');
}
