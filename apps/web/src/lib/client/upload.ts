// Multipart upload with progress events (fetch has no upload progress; XMLHttpRequest does).
import { type ApiClientError, errorFrom } from './send';

/** Bytes sent so far and the request's total size. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Posts `form` to `path`, reporting upload progress; resolves the JSON answer or rejects with the API error. */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (p: UploadProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject: (e: ApiClientError | Error) => void) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total });
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else reject(errorFrom(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => reject(new Error('the upload failed: network error')));
    xhr.addEventListener('abort', () => reject(new Error('the upload was cancelled')));
    xhr.send(form);
  });
}
