'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Imports a roster CSV (`email,name,role,student_id`): enrolls registered users, invites the others. */
export function RosterImport({ courseId }: { courseId: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<string | null>(null);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get('file');
    return run(async () => {
      const csv = file instanceof File && file.size > 0 ? await file.text() : String(f.get('csv'));
      const r = await apiSend(
        api.courses[':courseId'].roster.$post(
          { param: { courseId } },
          { headers: { 'content-type': 'text/csv' }, init: { body: csv } },
        ),
      );
      setResult(`${r.enrolled} enrolled, ${r.invited} invited, ${r.updated} updated`);
      router.refresh();
    });
  }
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
