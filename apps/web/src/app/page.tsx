import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthForm } from '~/components/auth/AuthForm';
import { api, apiTry } from '~/lib/server-api';

export default async function Home() {
  const me = await apiTry(api.me.$get());
  if (me.ok) redirect('/courses');
  return (
    <main>
      <div className="grid-2">
        <section>
          <h1>Critic</h1>
          <p>
            Auto-grading and leaderboards for the reinforcement-learning course. Submit an agent (a JS/TS
            policy, ONNX or TensorFlow.js model) or a homework module; Critic runs it in a sandbox on seeded
            episodes and reports mean return with a 95% confidence interval, replays of every episode, and
            per-case feedback.
          </p>
          <p className="muted">
            From a terminal: <code>critic submit</code> with an API token from Settings.
          </p>
          <p>
            New here? <Link href="/signup">Create an account</Link>.
          </p>
        </section>
        <section className="card">
          <h2>Sign in</h2>
          <AuthForm mode="signin" />
        </section>
      </div>
    </main>
  );
}
