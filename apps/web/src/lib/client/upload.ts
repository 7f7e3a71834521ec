// Multipart uploads with progress events (fetch has no upload progress; XMLHttpRequest does). The two
// upload routes read their bodies by hand (bounded), outside the typed client; each helper here names its
// route and the answer that route declares.

import { type ApiClientError, errorFrom } from './api-client';
import type { CustomEnvView, SubmissionStatus } from './api-contract';

/** Bytes sent so far and the request's total size. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Posts `form` to `path`, reporting upload progress; resolves the JSON answer or rejects with the API error. */
function uploadWithProgress<T>(
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

/** `POST /api/assignments/:assignmentId/submissions`: the new submission's status. */
export function uploadSubmission(
  assignmentId: string,
  form: FormData,
  onProgress: (p: UploadProgress) => void,
): Promise<SubmissionStatus> {
  return uploadWithProgress(`/api/assignments/${assignmentId}/submissions`, form, onProgress);
}

/** `POST /api/courses/:courseId/custom-envs`: the new custom env, queued for its check. */
export function uploadCustomEnv(courseId: string, form: FormData): Promise<CustomEnvView> {
  return uploadWithProgress(`/api/courses/${courseId}/custom-envs`, form, () => {});
}
