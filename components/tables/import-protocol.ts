/**
 * The messages of a CSV import response (`POST /tables/import`): newline-delimited JSON, one
 * message a line, progress lines while rows load and one final `done` or `error` line.
 */

/** Label of the import form's box that sets `skipInvalid`; errors name it. */
export const SKIP_INVALID_LABEL = 'Skip invalid lines instead of failing';

export interface SkippedLine {
  line: number;
  message: string;
}

export type ImportMessage =
  | {
      type: 'progress';
      /** Rows inserted so far, out of the valid rows of the file. */
      inserted: number;
      total: number;
    }
  | {
      type: 'done';
      tableId: string;
      tableName: string;
      /** Whether the import created the table, as opposed to appending to it. */
      created: boolean;
      inserted: number;
      skipped: SkippedLine[];
    }
  | { type: 'error'; message: string };

/** Serializes one message as an NDJSON line. */
export function encodeImportMessage(message: ImportMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/**
 * Splits a growing response text into messages. Call `read` with the whole text received so
 * far; it returns the messages of the lines completed since the previous call.
 */
export function createImportMessageReader(): { read(text: string): ImportMessage[] } {
  let consumed = 0;

  return {
    read(text) {
      const end = text.lastIndexOf('\n') + 1;
      if (end <= consumed) return [];

      const lines = text.slice(consumed, end).split('\n');
      consumed = end;
      return lines
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as ImportMessage);
    },
  };
}
