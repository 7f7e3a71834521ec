'use client';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { SelectField } from '~/components/forms/SelectField';
import { useAction } from '~/components/forms/useAction';
import { StatusBadge } from '~/components/submissions/StatusBadge';
import { DataTable } from '~/components/tables/DataTable';
import { api, apiSend } from '~/lib/client/api-client';
import type { Assignment, SubmissionSummary, Team } from '~/lib/client/api-contract';
import { formatScore, formatTime } from '~/lib/client/format';
import { type SubmissionFilters, withFilters } from '~/lib/client/submission-filters';

const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A filter's select: `all` (the empty value), then one option per choice. */
function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <SelectField label={label} value={value} onChange={onChange}>
      <option value="">all</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Every submission of the course, filtered by assignment, status and team, each with a rejudge button.
 * The filters live in the URL, so a reload or a shared link keeps them.
 */
export function StaffSubmissions({
  courseId,
  assignments,
  teams,
  initialFilters = { assignmentId: '', status: '', teamId: '' },
}: {
  courseId: string;
  assignments: Assignment[];
  teams: Team[];
  initialFilters?: SubmissionFilters;
}) {
  const [filters, setFilters] = useState<SubmissionFilters>(initialFilters);
  const [rows, setRows] = useState<SubmissionSummary[] | null>(null);
  const { busy, error, run } = useAction();
  const title = new Map(assignments.map((a) => [a.id, a.title]));
  const load = useCallback(
    () =>
      run(async () => {
        const query = {
          ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
          limit: '200',
        };
        setRows(await apiSend(api.courses[':courseId'].submissions.$get({ param: { courseId }, query })));
      }),
    [courseId, filters, run],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const rejudge = (submissionId: string) =>
    run(async () => {
      await apiSend(api.submissions[':submissionId'].rejudge.$post({ param: { submissionId }, json: {} }));
      await load();
    });
  useEffect(() => {
    const href = withFilters(window.location.href, filters);
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
  }, [filters]);
  const set = (k: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [k]: e.target.value }));
  return (
    <div>
      <div className="row" style={{ marginBottom: '0.75rem' }}>
        <FilterSelect
          label="Filter by assignment"
          value={filters.assignmentId}
          onChange={set('assignmentId')}
          options={assignments.map((a) => ({ value: a.id, label: a.title }))}
        />
        <FilterSelect
          label="Filter by status"
          value={filters.status}
          onChange={set('status')}
          options={STATES.map((s) => ({ value: s, label: s }))}
        />
        <FilterSelect
          label="Filter by team"
          value={filters.teamId}
          onChange={set('teamId')}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
      </div>
      <FormError error={error} />
      {rows === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <DataTable
          rows={rows}
          columns={[
            {
              header: 'Submitted',
              cell: (s) => <Link href={`/submissions/${s.id}`}>{formatTime(s.submittedAt)}</Link>,
            },
            { header: 'Assignment', cell: (s) => title.get(s.assignmentId) ?? s.assignmentId },
            {
              header: 'Team',
              cell: (s) => s.team?.name ?? (s.baseline ? `baseline: ${s.baseline}` : s.submittedBy.name),
            },
            {
              header: 'Status',
              cell: (s) => (
                <>
                  <StatusBadge status={s.status} />
                  {s.error && <span className="small muted"> {s.error.class}</span>}
                </>
              ),
            },
            {
              header: 'Public score (homework: points)',
              className: 'num',
              cell: (s) => formatScore(s.publicScore),
            },
            {
              header: '',
              cell: (s) => (
                <button type="button" className="secondary" disabled={busy} onClick={() => rejudge(s.id)}>
                  Rejudge
                </button>
              ),
            },
          ]}
          rowKey={(s) => s.id}
          empty="No submissions match."
          testId="staff-submissions"
        />
      )}
    </div>
  );
}
