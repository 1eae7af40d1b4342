import { FormData } from 'undici';

export interface UploadFile {
  bytes: Buffer;
  filename: string;
  mimeType: string;
}

/** A multipart body with the file under `file` (as Payload and the analysis service expect), then text fields. */
export function fileForm(file: UploadFile, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}
