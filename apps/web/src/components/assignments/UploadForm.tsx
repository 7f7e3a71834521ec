'use client';
import { useState } from 'react';
import { FileDropZone } from '~/components/forms/FileDropZone';
import { FormError } from '~/components/forms/FormError';
import { SelectField } from '~/components/forms/SelectField';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { ProgressBar } from '~/components/submissions/ProgressBar';
import { formatBytes } from '~/lib/client/format';
import { type UploadProgress, uploadSubmission } from '~/lib/client/upload';

/**
 * Uploads one or more files (a .js/.ts module, a .onnx, a .zip, or model.json + .bin shards) with a live
 * progress bar, then opens the new submission's page.
 */
export function UploadForm({ assignmentId, kind }: { assignmentId: string; kind: 'agent' | 'checks' }) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const { busy, error, onSubmit } = useFormChange(async (form) => {
    if (form.get('format') === '') form.delete('format');
    setProgress({ loaded: 0, total: 1 });
    const created = await uploadSubmission(assignmentId, form, setProgress);
    return `/submissions/${created.id}`;
  });
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Upload submission">
      <FileDropZone
        label="Files"
        name="file"
        multiple
        required
        accept={kind === 'checks' ? '.py,.js,.ts,.mjs' : '.py,.js,.ts,.mjs,.onnx,.zip,.json,.bin,.pt,.npz'}
      />
      {kind === 'agent' && (
        <SelectField label="Format" name="format" defaultValue="">
          <option value="">auto-detect</option>
          <option value="python-agent">Python agent (agent.py, or a zip with its files)</option>
          <option value="js-agent">JS/TS agent module</option>
          <option value="onnx">ONNX model</option>
          <option value="tfjs-layers">TensorFlow.js layers model</option>
        </SelectField>
      )}
      {progress && (
        <div className="row">
          <ProgressBar done={progress.loaded} total={progress.total} label="Upload progress" />
          <span className="small muted" data-testid="upload-progress">
            {formatBytes(progress.loaded)} / {formatBytes(progress.total)}
          </span>
        </div>
      )}
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Submit
      </button>
    </form>
  );
}
