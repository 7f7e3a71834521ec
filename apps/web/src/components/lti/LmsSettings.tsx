'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { DataTable } from '~/components/tables/DataTable';
import { api, apiSend } from '~/lib/client/api-client';
import type { LtiSettings } from '~/lib/client/api-contract';
import { formatTime } from '~/lib/client/format';
import { LineItemThresholds } from './LineItemThresholds';

/**
 * The course's LMS connection (LTI 1.3): what to paste into Moodle (Dynamic Registration URL, or the
 * tool URLs for a manual set-up), a form to register a platform by hand, the linked LMS courses with a
 * roster sync, and every grade sent to the LMS gradebook with when.
 */
export function LmsSettings({ courseId, settings }: { courseId: string; settings: LtiSettings }) {
  const router = useRouter();
  const register = useAction();
  const sync = useAction();
  const grades = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const lti = api.courses[':courseId'].lti;
  const param = { courseId };

  function onRegister(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    return register.run(async () => {
      const json = {
        name: text('name'),
        issuer: text('issuer'),
        clientId: text('clientId'),
        authLoginUrl: text('authLoginUrl'),
        authTokenUrl: text('authTokenUrl'),
        keysetUrl: text('keysetUrl'),
        deploymentIds: text('deploymentIds')
          .split(/[\s,]+/)
          .filter((d) => d !== ''),
      };
      await apiSend(lti.platforms.$post({ param, json }));
      setNotice('Platform registered.');
      router.refresh();
    });
  }

  function onSync() {
    return sync.run(async () => {
      const r = await apiSend(lti['roster-sync'].$post({ param }));
      setNotice(
        r.contexts
          .map(
            (c) =>
              `${c.title ?? 'LMS course'}: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`,
          )
          .join('; '),
      );
      router.refresh();
    });
  }

  function onSend() {
    return grades.run(async () => {
      const r = await apiSend(lti.grades.send.$post({ param }));
      setNotice(`${r.sent} grades sent, ${r.failed} failed (retried later)`);
      router.refresh();
    });
  }

  return (
    <div className="stack" data-testid="lms-settings">
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <h3>Connect Moodle (Dynamic Registration)</h3>
      <p className="small">
        In Moodle: Site administration → Plugins → Activity modules → External tool → Manage tools → paste
        this URL into “Tool URL” → Add LTI Advantage. The URL is valid for 7 days.
      </p>
      <input
        readOnly
        aria-label="Registration URL"
        style={{ width: '100%' }}
        value={settings.registrationUrl}
        onFocus={(e) => e.target.select()}
      />
      <details>
        <summary>Manual registration</summary>
        <p className="small">
          Tool URLs for the LMS: login <code>{settings.tool.login}</code>, redirect / launch{' '}
          <code>{settings.tool.launch}</code>, public keyset <code>{settings.tool.jwks}</code>, deep linking{' '}
          <code>{settings.tool.deepLinking}</code>.
        </p>
        <form className="stack" onSubmit={onRegister} aria-label="Register an LMS">
          <label>
            Name <input name="name" required placeholder="Moodle of the university" />
          </label>
          <label>
            Platform ID (issuer) <input name="issuer" required placeholder="https://moodle.uni.example" />
          </label>
          <label>
            Client ID <input name="clientId" required />
          </label>
          <label>
            Authentication request URL <input name="authLoginUrl" required />
          </label>
          <label>
            Access token URL <input name="authTokenUrl" required />
          </label>
          <label>
            Public keyset URL <input name="keysetUrl" required />
          </label>
          <label>
            Deployment ID(s) <input name="deploymentIds" required placeholder="1" />
          </label>
          <FormError error={register.error} />
          <button type="submit" disabled={register.busy}>
            Register LMS
          </button>
        </form>
      </details>
      <h3>Platforms</h3>
      {settings.platforms.length === 0 ? (
        <p className="muted">None registered yet.</p>
      ) : (
        <ul>
          {settings.platforms.map((p) => (
            <li key={p.id}>
              {p.name}: <code>{p.issuer}</code>, client <code>{p.clientId}</code>, deployments{' '}
              {p.deploymentIds.join(', ') || '—'}
            </li>
          ))}
        </ul>
      )}
      <h3>Linked LMS courses</h3>
      {settings.contexts.length === 0 ? (
        <p className="muted">None yet: open Critic once from the LMS course as its instructor.</p>
      ) : (
        <ul>
          {settings.contexts.map((c) => (
            <li key={`${c.platformId}:${c.contextId}`}>
              {c.title ?? c.contextId} {c.roster ? '' : '(no roster service)'}
            </li>
          ))}
        </ul>
      )}
      <FormError error={sync.error} />
      <button type="button" onClick={onSync} disabled={sync.busy || settings.contexts.length === 0}>
        Sync roster from the LMS
      </button>
      <h3>Gradebook columns</h3>
      {settings.lineItems.length === 0 ? (
        <p className="muted">
          None yet: add an assignment to the LMS course (Select content) and open it once.
        </p>
      ) : (
        <ul>
          {settings.lineItems.map((l) => (
            <li key={l.id}>
              {l.assignmentTitle}: out of {l.scoreMaximum},{' '}
              {l.assignmentKind === 'checks'
                ? 'points ÷ max points'
                : l.gradeZeroAt === null
                  ? 'by private rank'
                  : `0 at ${l.gradeZeroAt}, full marks at ${l.gradeFullAt}`}
              {l.assignmentKind === 'agent' && <LineItemThresholds courseId={courseId} item={l} />}
            </li>
          ))}
        </ul>
      )}
      <h3>Grades sent to the LMS</h3>
      <FormError error={grades.error} />
      <button type="button" onClick={onSend} disabled={grades.busy}>
        Send due grades now
      </button>
      <DataTable
        rows={settings.grades}
        columns={[
          { header: 'Assignment', cell: (g) => g.assignmentTitle },
          { header: 'Student', cell: (g) => g.userName },
          { header: 'Grade', cell: (g) => `${g.scoreGiven} / ${g.scoreMaximum}` },
          {
            header: 'Status',
            cell: (g) =>
              g.status +
              (g.status === 'pending' && g.attempts > 0
                ? ` (try ${g.attempts + 1} at ${formatTime(g.nextAttemptAt)})`
                : ''),
          },
          { header: 'Queued', cell: (g) => formatTime(g.createdAt) },
          { header: 'Sent', cell: (g) => (g.sentAt === null ? '—' : formatTime(g.sentAt)) },
          { header: 'Last error', className: 'small', cell: (g) => g.lastError ?? '' },
        ]}
        rowKey={(g) => g.id}
        empty="No grades queued yet."
        label="Grades sent to the LMS"
      />
    </div>
  );
}
