import type { BlobStore } from '@critic/db/blob';
import { InvalidArtifactError } from '@critic/runner';

/**
 * Reads an artifact from the blob store into memory, refusing more than `maxBytes` while streaming.
 * A missing blob is a platform error (thrown as is, so the job is retried); an oversize one is the student's.
 */
export async function readBlob(store: BlobStore, sha256: string, maxBytes: number): Promise<Uint8Array> {
  const stream = await store.get(sha256);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      stream.destroy();
      throw new InvalidArtifactError(
        `the artifact is larger than the assignment's limit of ${maxBytes} bytes`,
        {
          expected: `at most ${maxBytes} bytes`,
          found: `more than ${maxBytes} bytes`,
        },
      );
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
