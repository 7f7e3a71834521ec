import { ApiError } from '../api-error';

/** One uploaded file part. */
export interface UploadedFile {
  /** The part's file name without any directory. */
  name: string;
  bytes: Uint8Array;
}

/** The parts of an upload: every `file` part and the optional `format` field. */
export interface UploadParts {
  files: UploadedFile[];
  format: string | undefined;
}

/** The file name without directories (browsers may send `folder/model.json` for a folder upload). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/**
 * The form of an already size-checked multipart/form-data body: 415 for another content type (saying
 * `what` to send instead), 400 naming the parser's complaint for a malformed body.
 */
export async function readMultipartForm(
  body: Uint8Array,
  contentType: string | undefined,
  what: string,
): Promise<FormData> {
  if (contentType === undefined || !/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send ${what}; got Content-Type ${contentType ?? '(none)'}`,
    );
  }
  try {
    return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch (e) {
    throw new ApiError(400, 'invalid', `the multipart body could not be parsed: ${(e as Error).message}`, {
      field: 'file',
    });
  }
}

/** Parses an already size-checked multipart/form-data body into its `file` parts and `format` field. */
export async function parseUploadParts(
  body: Uint8Array,
  contentType: string | undefined,
): Promise<UploadParts> {
  const form = await readMultipartForm(
    body,
    contentType,
    'the upload as multipart/form-data with one or more "file" parts',
  );
  const files: UploadedFile[] = [];
  for (const part of form.getAll('file')) {
    if (typeof part === 'string') {
      throw new ApiError(400, 'invalid', 'file: each "file" part must be a file, not a text field', {
        field: 'file',
      });
    }
    files.push({ name: baseName(part.name || 'upload'), bytes: new Uint8Array(await part.arrayBuffer()) });
  }
  if (files.length === 0) {
    throw new ApiError(400, 'invalid', 'file: no "file" part in the upload; attach the artifact as "file"', {
      field: 'file',
    });
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) {
      throw new ApiError(400, 'invalid', `file: "${f.name}" was sent twice`, { field: 'file' });
    }
    seen.add(f.name);
  }
  const format = form.get('format');
  return { files, format: typeof format === 'string' && format !== '' ? format : undefined };
}
