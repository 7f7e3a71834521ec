'use client';
import { type DragEvent, useId, useRef, useState } from 'react';
import { formatBytes } from '~/lib/client/format';

/** Props of FileDropZone: the file input's own attributes. */
export interface FileDropZoneProps {
  /** Visible label (also the input's accessible name). */
  label: string;
  name: string;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
}

/**
 * A file input with a drop zone: files can be dropped on it or picked with the native dialog; the
 * chosen files are listed with their real sizes (what is on disk, before any zipping) and the total.
 */
export function FileDropZone({ label, name, accept, multiple, required }: FileDropZoneProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLFieldSetElement>) => {
    e.preventDefault();
    setOver(false);
    const el = input.current;
    if (!el || e.dataTransfer.files.length === 0) return;
    const dt = new DataTransfer();
    for (const f of Array.from(e.dataTransfer.files).slice(0, multiple ? undefined : 1)) dt.items.add(f);
    el.files = dt.files;
    setFiles(Array.from(dt.files));
  };
  const total = files.reduce((sum, f) => sum + f.size, 0);
  return (
    <fieldset
      className={`drop-zone${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{label}</label>
      <p className="small muted">Drop {multiple ? 'files' : 'a file'} here, or choose:</p>
      <input
        ref={input}
        id={id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        required={required}
        onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
      />
      {files.length > 0 && (
        <ul className="small" data-testid="chosen-files">
          {files.map((f) => (
            <li key={`${f.name}:${f.size}`}>
              <code>{f.name}</code> — {formatBytes(f.size)}
            </li>
          ))}
          {files.length > 1 && <li data-testid="chosen-total">total {formatBytes(total)}</li>}
        </ul>
      )}
    </fieldset>
  );
}
