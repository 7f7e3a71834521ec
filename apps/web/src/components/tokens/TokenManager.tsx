'use client';
import { type FormEvent, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { DataTable } from '~/components/tables/DataTable';
import { api, apiSend } from '~/lib/client/api-client';
import type { ApiToken, CreatedApiToken } from '~/lib/client/api-contract';
import { formatTime } from '~/lib/client/format';

/** Lists the viewer's API tokens, creates one (its secret shown once, with CLI usage) and revokes them. */
export function TokenManager({ initial, origin }: { initial: ApiToken[]; origin: string }) {
  const [tokens, setTokens] = useState(initial);
  const [fresh, setFresh] = useState<CreatedApiToken | null>(null);
  const { busy, error, run } = useAction();
  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name')).trim();
    return run(async () => {
      const created = await apiSend(api.tokens.$post({ json: { name } }));
      setFresh(created);
      setTokens(await apiSend(api.tokens.$get()));
      form.reset();
    });
  }
  const revoke = (id: string) =>
    run(async () => {
      await apiSend(api.tokens[':tokenId'].$delete({ param: { tokenId: id } }));
      setTokens((t) => t.filter((x) => x.id !== id));
      if (fresh?.id === id) setFresh(null);
    });
  return (
    <div>
      <form className="stack" onSubmit={onCreate} aria-label="Create token">
        <label>
          Token name
          <input name="name" required maxLength={80} placeholder="laptop" />
        </label>
        <button type="submit" disabled={busy}>
          Create token
        </button>
      </form>
      <FormError error={error} />
      {fresh && (
        <div className="card" style={{ marginTop: '1rem' }}>
          <p className="notice">Copy this token now: it is not shown again.</p>
          <pre className="mono" data-testid="new-token">
            {fresh.token}
          </pre>
          <p>Use it from a terminal:</p>
          <pre className="console">
            {`export CRITIC_SERVER=${origin}\nexport CRITIC_TOKEN=${fresh.token}\ncritic submit agent.ts --assignment <assignment id> --wait\n\n# or any HTTP client:\ncurl -H "Authorization: Bearer $CRITIC_TOKEN" -F file=@agent.ts \\\n  $CRITIC_SERVER/api/assignments/<assignment id>/submissions`}
          </pre>
        </div>
      )}
      <h2>Your tokens</h2>
      <DataTable
        rows={tokens}
        columns={[
          { header: 'Name', cell: (t) => t.name },
          { header: 'Prefix', cell: (t) => <code>{t.prefix}…</code> },
          { header: 'Created', cell: (t) => formatTime(t.createdAt) },
          { header: 'Last used', cell: (t) => formatTime(t.lastUsedAt) },
          {
            header: '',
            cell: (t) => (
              <button type="button" className="danger" disabled={busy} onClick={() => revoke(t.id)}>
                Revoke {t.name}
              </button>
            ),
          },
        ]}
        rowKey={(t) => t.id}
        empty="No tokens."
        testId="tokens"
      />
    </div>
  );
}
