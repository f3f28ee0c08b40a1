import { CsvError, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';

import { ROW_ID_KEY } from '../data/columns';
import { CsvImportError, formatProblems, type CsvProblem } from './errors';
import { findInvalidUtf8Lines } from './utf8-lines';

/** A data record of a CSV file; `line` is the physical line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  header: string[];
  /** Records with the header's field count and valid UTF-8. */
  records: CsvRecord[];
  /** The lines that cannot become rows, in line order. */
  problems: CsvProblem[];
}

interface RawRecord {
  startLine: number;
  endLine: number;
  fields: string[];
}

/**
 * Parses CSV bytes: RFC 4180 quoting, a UTF-8 byte order mark skipped, blank lines skipped, and
 * quotes inside unquoted fields kept as text. The first record is the header, its names trimmed
 * (`a, b` names the columns `a` and `b`). A record with the
 * wrong number of fields, invalid UTF-8 or an unclosed quote becomes a problem, and parsing goes
 * on after it. Throws `CsvImportError` for an empty file or an invalid header, since then no
 * row can be read.
 */
export function parseCsv(bytes: Uint8Array, fileName: string): ParsedCsv {
  const invalidLines = findInvalidUtf8Lines(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  const { records: rawRecords, problems } = parseRecords(text);

  const [headerRecord, ...dataRecords] = rawRecords;
  if (!headerRecord) {
    throw new CsvImportError(
      'CSV_EMPTY',
      `Cannot import "${fileName}": the file is empty; its first line must name the columns`,
      fileName,
    );
  }
  headerRecord.fields = headerRecord.fields.map((name) => name.trim());
  validateHeader(headerRecord, invalidLines, problems, fileName);

  const records: CsvRecord[] = [];
  for (const record of dataRecords) {
    const problem = recordProblem(record, headerRecord.fields.length, invalidLines);
    if (problem) problems.push({ line: record.startLine, message: problem });
    else records.push({ line: record.startLine, fields: record.fields });
  }

  problems.sort((a, b) => a.line - b.line);
  return { header: headerRecord.fields, records, problems };
}

function recordProblem(
  record: RawRecord,
  expectedFields: number,
  invalidLines: Set<number>,
): string | null {
  for (let line = record.startLine; line <= record.endLine; line++) {
    if (invalidLines.has(line)) return 'invalid UTF-8; save the file as UTF-8';
  }

  if (record.fields.length !== expectedFields) {
    return `expected ${expectedFields} fields, found ${record.fields.length}`;
  }
  return null;
}

/**
 * Runs csv-parse over the text, restarting after the line of each parse error so that one bad
 * quote costs one record, not the rest of the file.
 */
function parseRecords(text: string): { records: RawRecord[]; problems: CsvProblem[] } {
  const lineStarts = physicalLineStarts(text);
  const records: RawRecord[] = [];
  const problems: CsvProblem[] = [];
  let firstLine = 1;

  while (firstLine <= lineStarts.length) {
    const chunkStart = firstLine;
    let lastEndLine = chunkStart - 1;

    try {
      const onRecord = (
        { record, raw }: { record: string[]; raw: string },
        context: { lines: number },
      ) => {
        const endLine = chunkStart - 1 + context.lines;
        records.push({ startLine: endLine - innerNewlines(raw), endLine, fields: record });
        lastEndLine = endLine;
        return null;
      };
      parse(text.slice(lineStarts[chunkStart - 1]), {
        bom: chunkStart === 1,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        raw: true,
        on_record: onRecord as unknown as Options['on_record'],
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;

      const startLine = nextContentLine(text, lineStarts, lastEndLine + 1);
      problems.push({ line: startLine, message: describeParseError(error) });
      firstLine = startLine + 1;
    }
  }

  return { records, problems };
}

/** Counts the line breaks inside a record's raw text, after blank lines before it. */
function innerNewlines(raw: string): number {
  const record = raw.replace(/^(?:\r?\n)+/, '');
  const newlines = record.split('\n').length - 1;
  return record.endsWith('\n') ? newlines - 1 : newlines;
}

function physicalLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index + 1 < text.length) starts.push(index + 1);
  }
  return starts;
}

/** Returns the first line from `line` on that is not blank. */
function nextContentLine(text: string, lineStarts: number[], line: number): number {
  let current = line;
  while (current < lineStarts.length && isBlankLine(text, lineStarts, current)) current++;
  return current;
}

function isBlankLine(text: string, lineStarts: number[], line: number): boolean {
  const start = lineStarts[line - 1]!;
  const end = lineStarts[line] ?? text.length;
  return text.slice(start, end).trim() === '';
}

function describeParseError(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a quoted field is not closed; end it with " and double any quote inside it';
  }
  return `cannot be parsed: ${error.message}`;
}

function validateHeader(
  header: RawRecord,
  invalidLines: Set<number>,
  rowProblems: CsvProblem[],
  fileName: string,
): void {
  const beforeHeader = rowProblems.filter((problem) => problem.line < header.startLine);
  const problems = [
    ...beforeHeader,
    ...headerProblems(header, invalidLines).map((message) => ({ line: header.startLine, message })),
  ];
  if (problems.length === 0) return;

  throw new CsvImportError(
    'CSV_INVALID_HEADER',
    `Cannot import "${fileName}": the header line is invalid, so nothing was imported. Fix the header:\n${formatProblems(problems)}`,
    fileName,
    problems,
  );
}

function headerProblems(header: RawRecord, invalidLines: Set<number>): string[] {
  if (invalidLines.has(header.startLine)) return ['invalid UTF-8; save the file as UTF-8'];

  const problems: string[] = [];
  const firstPosition = new Map<string, number>();
  for (const [index, name] of header.fields.entries()) {
    const position = index + 1;

    if (name.trim() === '') {
      problems.push(`column ${position} has an empty name`);
    } else if (name === ROW_ID_KEY) {
      problems.push(
        `column ${position} is named "${ROW_ID_KEY}", which is reserved for the row id; rename it`,
      );
    } else if (firstPosition.has(name)) {
      problems.push(
        `duplicate column name "${name}" (columns ${firstPosition.get(name)} and ${position})`,
      );
    } else {
      firstPosition.set(name, position);
    }
  }

  return problems;
}
