import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { UploadFile } from './artifact-files';

/** What the server answered. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** Options of `postMultipart`. */
export interface MultipartOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Each becomes a `file` part. */
  files: readonly UploadFile[];
  /** Extra text fields (e.g. `format`). */
  fields?: Readonly<Record<string, string>>;
  /** Called as bytes are handed to the socket: (sent, total). */
  onProgress?: (sent: number, total: number) => void;
}

const CHUNK = 64 * 1024;

/** A quoted-string-safe file name for Content-Disposition (no quotes, CR or LF). */
const safeName = (name: string) => name.replace(/["\r\n]/g, '_');

/** The multipart/form-data body (RFC 7578) and its boundary. */
export function multipartBody(
  files: readonly UploadFile[],
  fields: Readonly<Record<string, string>> = {},
): { boundary: string; body: Buffer } {
  const boundary = `critic-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName(f.name)}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(parts) };
}

/** POSTs the files as multipart/form-data, in chunks so that progress can be shown; resolves with the answer. */
export function postMultipart(options: MultipartOptions): Promise<HttpAnswer> {
  const { boundary, body } = multipartBody(options.files, options.fields);
  const url = new URL(options.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = client.request(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(body.length),
        authorization: `Bearer ${options.token}`,
        accept: 'application/json',
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    let sent = 0;
    const writeNext = () => {
      while (sent < body.length) {
        const chunk = body.subarray(sent, sent + CHUNK);
        sent += chunk.length;
        const more = req.write(chunk);
        options.onProgress?.(sent, body.length);
        if (!more) {
          req.once('drain', writeNext);
          return;
        }
      }
      req.end();
    };
    writeNext();
  });
}
