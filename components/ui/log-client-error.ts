/**
 * Reports an error the browser handled without showing it, in the developer console. The server
 * logs through pino; the browser has only its console.
 */
export function logClientError(message: string, error: unknown): void {
  console.error(`[flowscope] ${message}`, error);
}
