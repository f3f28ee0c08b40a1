/** The streams a command writes to; tests pass their own. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr };

/** Exit codes of `npm run flow`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A command-line mistake: the message is printed with the usage text and the exit code is 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
