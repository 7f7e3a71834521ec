import { ApiError } from '../api-error';

/**
 * Reads a request body, refusing it (413) as soon as it passes `maxBytes`: the declared
 * Content-Length is checked before anything is read, and the bytes actually received while reading.
 */
export async function readBoundedBody(req: Request, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes, what);
  if (req.body === null) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(total, maxBytes, what, 'at least ');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(size: number, limit: number, what: string, qualifier = ''): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `${what} is ${qualifier}${size} bytes; the limit is ${limit} bytes`,
    { field: 'file' },
  );
}
