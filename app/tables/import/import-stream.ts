import type { ImportMessage } from '@/components/tables/import-protocol';
import { encodeImportMessage, SKIP_INVALID_LABEL } from '@/components/tables/import-protocol';
import type { Database } from '@/lib/db/client';
import { importCsv } from '@/lib/csv/import-csv';
import { logger } from '@/lib/logger';

export interface CsvUpload {
  tenantId: string;
  tableName: string;
  fileName: string;
  bytes: Uint8Array;
  skipInvalid: boolean;
}

/** Errors with a stable `code` are expected failures whose message is meant for the user. */
function isExpectedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

async function runImport(
  db: Database,
  upload: CsvUpload,
  send: (message: ImportMessage) => void,
): Promise<void> {
  const meta = {
    tenantId: upload.tenantId,
    tableName: upload.tableName,
    fileName: upload.fileName,
  };
  logger.info({ ...meta, bytes: upload.bytes.byteLength }, 'csv import started');

  try {
    const result = await importCsv(db, {
      tenantId: upload.tenantId,
      tableName: upload.tableName,
      fileName: upload.fileName,
      source: upload.bytes,
      skipInvalid: upload.skipInvalid,
      skipInvalidOption: `the "${SKIP_INVALID_LABEL}" box`,
      onProgress: ({ inserted, total }) => send({ type: 'progress', inserted, total }),
    });

    logger.info(
      { ...meta, inserted: result.inserted, skipped: result.skipped.length },
      'csv import finished',
    );
    send({
      type: 'done',
      tableId: result.tableId,
      tableName: upload.tableName,
      created: result.created,
      inserted: result.inserted,
      skipped: result.skipped,
    });
  } catch (error) {
    if (isExpectedError(error)) {
      logger.info({ ...meta, code: error.code }, 'csv import rejected');
      send({ type: 'error', message: error.message });
      return;
    }

    logger.error({ ...meta, err: error }, 'csv import failed');
    const reason = error instanceof Error ? error.message : String(error);
    send({ type: 'error', message: `Importing "${upload.fileName}" failed: ${reason}` });
  }
}

/**
 * Imports an uploaded CSV file and returns the response body: NDJSON progress lines after each
 * batch of rows, then one `done` or `error` line. The import runs as the body is read.
 */
export function streamCsvImport(db: Database, upload: CsvUpload): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();

  return new ReadableStream({
    async start(controller) {
      const send = (message: ImportMessage) =>
        controller.enqueue(encoder.encode(encodeImportMessage(message)));
      await runImport(db, upload, send);
      controller.close();
    },
  });
}
