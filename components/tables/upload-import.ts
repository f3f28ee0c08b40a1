import { createImportMessageReader, type ImportMessage } from './import-protocol';

export interface ImportUpload {
  file: File;
  tableName: string;
  skipInvalid: boolean;
}

export interface UploadCallbacks {
  /** Share of the file sent so far, from 0 to 1. */
  onUploadProgress(fraction: number): void;
  onMessage(message: ImportMessage): void;
}

/**
 * Uploads a CSV file to `/tables/import` and reports upload progress, then each NDJSON message
 * of the response as it arrives. XMLHttpRequest reports upload progress, which fetch does not.
 * Resolves when the response ends; rejects when the request fails.
 */
export function uploadImport(upload: ImportUpload, callbacks: UploadCallbacks): Promise<void> {
  const form = new FormData();
  form.set('file', upload.file);
  form.set('tableName', upload.tableName);
  form.set('skipInvalid', upload.skipInvalid ? 'true' : 'false');

  const request = new XMLHttpRequest();
  const reader = createImportMessageReader();
  const deliver = () => reader.read(request.responseText).forEach(callbacks.onMessage);

  return new Promise((resolve, reject) => {
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) callbacks.onUploadProgress(event.loaded / event.total);
    };
    request.onprogress = deliver;
    request.onload = () => {
      deliver();
      if (request.status >= 400 && request.responseText.trim() === '') {
        reject(new Error(`The import request failed with HTTP status ${request.status}`));
      } else {
        resolve();
      }
    };
    request.onerror = () =>
      reject(new Error('The import request failed: the server is unreachable'));

    request.open('POST', '/tables/import');
    request.send(form);
  });
}
