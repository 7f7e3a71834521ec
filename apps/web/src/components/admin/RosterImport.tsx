'use client';
import { useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Imports a roster CSV (`email,name,role,student_id`): enrolls registered users, invites the others. */
export function RosterImport({ courseId }: { courseId: string }) {
  const [result, setResult] = useState<string | null>(null);
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const file = f.get('file');
    const csv = file instanceof File && file.size > 0 ? await file.text() : String(f.get('csv'));
    const r = await apiSend(
      api.courses[':courseId'].roster.$post(
        { param: { courseId } },
        { headers: { 'content-type': 'text/csv' }, init: { body: csv } },
      ),
    );
    setResult(`${r.enrolled} enrolled, ${r.invited} invited, ${r.updated} updated`);
    return undefined;
  });
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Import roster">
      <label>
        Roster CSV file
        <input name="file" type="file" accept=".csv,text/csv" />
      </label>
      <label>
        Or paste the roster CSV
        <textarea
          name="csv"
          placeholder={'email,name,role,student_id\nada@uni.example,Ada Lovelace,student,123456'}
        />
      </label>
      <FormError error={error} />
      {result && <p className="notice">{result}</p>}
      <button type="submit" disabled={busy}>
        Import roster
      </button>
    </form>
  );
}
