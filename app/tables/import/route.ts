import { encodeImportMessage, type ImportMessage } from '@/components/tables/import-protocol';
import { getDatabase } from '@/lib/db/client';
import { getSessionTenantId } from '@/lib/session';

import { streamCsvImport } from './import-stream';

/** Largest CSV file the browser import accepts, in bytes (50 MB); the whole file is in memory. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const NDJSON_HEADERS = {
  'Content-Type': 'application/x-ndjson; charset=utf-8',
  // no-transform keeps the server's compression from buffering the progress lines.
  'Cache-Control': 'no-store, no-transform',
  'X-Content-Type-Options': 'nosniff',
};

function reject(message: string, status: number): Response {
  const line: ImportMessage = { type: 'error', message };
  return new Response(encodeImportMessage(line), { status, headers: NDJSON_HEADERS });
}

/**
 * Imports a CSV upload (multipart form: `file`, `tableName`, `skipInvalid`) into a data table
 * of the session's tenant and streams NDJSON progress lines back.
 */
export async function POST(request: Request): Promise<Response> {
  const tenantId = await getSessionTenantId();

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return reject('The import request must be a multipart form with a CSV file', 400);
  }

  const file = form.get('file');
  const tableName = String(form.get('tableName') ?? '').trim();
  if (!(file instanceof File)) return reject('Choose a CSV file to import', 400);
  if (tableName === '') return reject('Enter the name of the table to import into', 400);
  if (file.size > MAX_IMPORT_BYTES) {
    return reject(
      `"${file.name}" is ${Math.ceil(file.size / 1024 / 1024)} MB; the browser import takes files up to 50 MB, so use npm run flow -- import-csv for larger ones`,
      413,
    );
  }

  const { db } = await getDatabase();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const body = streamCsvImport(db, {
    tenantId,
    tableName,
    fileName: file.name,
    bytes,
    skipInvalid: form.get('skipInvalid') === 'true',
  });

  return new Response(body, { headers: NDJSON_HEADERS });
}
