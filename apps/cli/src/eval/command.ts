import { envSpec } from '@critic/envs';
import { evaluateArtifact, isRunnerError, PythonUnavailableError, publicSeeds } from '@critic/runner';
import { parseCommandArgs } from '../command-args';
import { type CliIO, UsageError } from '../io';
import { CountProgress } from './count-progress';
import { failureText } from './failure-text';
import { AGENT_FORMATS, type AgentFormat, loadAgentArtifact } from './load-artifact';
import { type EvalReport, formatEvalReport } from './report';

const HELP = `Usage: critic eval <artifact> --env <id> [options]

Runs an agent on the published public seeds with the grader's own code (same validation, same
sandbox, same seeded episodes), so the score you see here is the score the grader computes on them.

<artifact>: an agent.py defining act(obs) (optionally act_batch(obs_batch) and reset()), or a folder
or .zip with agent.py and the files it loads (weights.pt, .npz); a .js/.ts module exporting act(obs);
an .onnx file; a model.json with its weight shards (and critic.json) beside it, a folder holding
model.json, or a .zip.

Options:
  --env <id>           registered env id, e.g. CartPole-v1 (required)
  --episodes <n>       episodes to run (default 100)
  --format <f>         ${AGENT_FORMATS.join(' | ')} (default: from the file name, or a zip's content)
  --seed-key <key>     key of the public seeds (default: the env id). The grader uses the assignment
                       id: pass it to see exactly the assignment's public episodes.
  --json               print the result as JSON on stdout
  --all-episodes       print every episode's row, not the first and last five
  --unsandboxed        run a Python agent without bubblewrap (your own code on your own machine
                       only; the grader always sandboxes it)
  -h, --help           show this help

Exit status: 0 when the agent ran, 1 on a verdict (invalid_artifact, runtime_error, time_limit, …),
2 on a usage error. Limits are the runner's defaults; an assignment may set others.
`;

const OPTIONS = {
  env: { type: 'string' },
  episodes: { type: 'string', default: '100' },
  format: { type: 'string' },
  'seed-key': { type: 'string' },
  json: { type: 'boolean', default: false },
  'all-episodes': { type: 'boolean', default: false },
  unsandboxed: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function episodeCount(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 10_000) {
    throw new UsageError(`eval: --episodes must be an integer from 1 to 10000, got ${JSON.stringify(text)}`);
  }
  return n;
}

function agentFormat(text: string | undefined): AgentFormat | undefined {
  if (text === undefined) return undefined;
  if ((AGENT_FORMATS as readonly string[]).includes(text)) return text as AgentFormat;
  throw new UsageError(
    `eval: --format must be one of ${AGENT_FORMATS.join(', ')}, got ${JSON.stringify(text)}`,
  );
}

/** `critic eval`: returns the exit code. */
export async function evalCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('eval', args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `eval: expected one artifact path, got ${positionals.length}; see critic eval --help`,
    );
  }
  if (values.env === undefined) throw new UsageError('eval: --env <id> is required (e.g. --env CartPole-v1)');
  const envId = envSpec(values.env).id; // EnvError (exit 2) for an unknown id
  const episodes = episodeCount(values.episodes);
  const format = agentFormat(values.format);
  const seedKey = values['seed-key'] ?? envId;
  if (seedKey.length === 0) throw new UsageError('eval: --seed-key must not be empty');

  const bar = new CountProgress(episodes, 'episodes', io.stderr, io.isTTY);
  try {
    const artifact = loadAgentArtifact(positionals[0]!, format);
    const [result] = await evaluateArtifact(artifact, {
      envId,
      splits: [{ split: 'public', seeds: publicSeeds(seedKey, episodes) }],
      onProgress: (p) => bar.update(p.done),
      ...(values.unsandboxed ? { python: { unsandboxed: true } } : {}),
    });
    bar.finish();
    const report: EvalReport = {
      env: envId,
      seedKey,
      stats: result!.stats,
      episodes: result!.episodes.map(({ actions: _actions, ...e }) => e),
    };
    io.stdout(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report, values['all-episodes']),
    );
    return 0;
  } catch (error) {
    bar.finish();
    if (error instanceof PythonUnavailableError) {
      io.stderr(
        `critic eval: ${error.message}\n(to run your own agent on this machine without a sandbox, pass --unsandboxed)\n`,
      );
      return 1;
    }
    if (!isRunnerError(error)) throw error;
    if (values.json) io.stdout(`${JSON.stringify({ ok: false, failure: error.toReport() }, null, 2)}\n`);
    io.stderr(`critic eval: ${failureText(error)}`);
    return 1;
  }
}
