import { TokenManager } from '~/components/tokens/TokenManager';
import { api, apiGet } from '~/lib/server-api';
import { serverDeps } from '~/server/server-deps';

export default async function TokensPage() {
  const [tokens, deps] = await Promise.all([apiGet(api.tokens.$get(), '/settings/tokens'), serverDeps()]);
  return (
    <main>
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let the <code>critic</code> command line (or any HTTP client) act as you. Revoke a token you no
        longer use.
      </p>
      <TokenManager initial={tokens} origin={deps.config.origin} />
    </main>
  );
}
