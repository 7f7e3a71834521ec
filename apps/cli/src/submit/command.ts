import { basename } from 'node:path';
import type { SubmissionStatus } from '@critic/contract';
import { parseCommandArgs } from '../command-args';
import { type CliIO, UsageError } from '../io';
import { artifactFiles } from './artifact-files';
import { followSubmission } from './follow-submission';
import { postMultipart } from './multipart-upload';
import { ServerError, serverErrorOf } from './server-error';
import { parseSubmissionStatus } from './status-answer';
import { phaseLine, verdictLines } from './status-lines';
import { formatBytes, uploadProgress } from './upload-progress';

const DEFAULT_SERVER = 'http://localhost:3000';
const FORMATS = ['python-agent', 'tfjs-layers', 'onnx', 'js-agent', 'checks', 'python-checks'] as const;

const HELP = `Usage: critic submit <artifact> --assignment <id> [options]

Uploads an agent or a homework module to a Critic server. <artifact>: an agent.py, a folder holding
agent.py and the files it loads (weights.pt, .npz, modules: its top-level files go along), a .js/.ts
module, an .onnx file, a .zip, a model.json (its weight shards and critic.json beside it go along),
a folder holding model.json (what \`critic train\` writes), or a folder holding one .onnx file (and
critic.json).

Options:
  --assignment <id>  the assignment's id (from its page or the API) (required)
  --server <url>     the Critic server (default: $CRITIC_SERVER, else ${DEFAULT_SERVER})
  --token <token>    an API token (Settings → API tokens) (default: $CRITIC_TOKEN)
  --format <f>       ${FORMATS.join(' | ')} (default: the server detects it)
  --wait             follow the grading live (queue position, progress) until the verdict
  -h, --help         show this help

Exit status: 0 when the upload was accepted (with --wait: when grading succeeded), 1 when the server
refused it or grading failed, 2 on a usage error.
`;

const OPTIONS = {
  assignment: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  format: { type: 'string' },
  wait: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `submit: --server must be a URL such as ${DEFAULT_SERVER}, got ${JSON.stringify(text)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`submit: --server must be an http(s) URL, got ${JSON.stringify(text)}`);
  }
  return url.origin;
}

/** Prints each new phase (queued → running n/N …) on stderr; on a terminal the line is redrawn. */
function phasePrinter(io: CliIO): (s: SubmissionStatus) => void {
  let last = '';
  return (s) => {
    const line = phaseLine(s);
    if (line === last || s.status === 'succeeded' || s.status === 'failed' || s.status === 'cancelled')
      return;
    last = line;
    io.stderr(io.isTTY ? `\r${line}\u001b[K` : `${line}\n`);
  };
}

async function submit(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('submit', args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `submit: expected one artifact path, found ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
    );
  }
  const assignment = values.assignment;
  if (assignment === undefined || !/^[0-9a-f-]{36}$/i.test(assignment)) {
    throw new UsageError(
      `submit: --assignment must be the assignment's id (a uuid), found ${assignment === undefined ? 'nothing' : JSON.stringify(assignment)}`,
    );
  }
  const token = values.token ?? process.env.CRITIC_TOKEN;
  if (!token) {
    throw new UsageError(
      'submit: no API token: pass --token or set CRITIC_TOKEN (create one under Settings → API tokens)',
    );
  }
  if (values.format !== undefined && !(FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(
      `submit: --format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`,
    );
  }
  const server = serverUrl(values.server ?? process.env.CRITIC_SERVER ?? DEFAULT_SERVER);
  const files = artifactFiles(positionals[0]!);
  const label = files.length === 1 ? files[0]!.name : `${basename(positionals[0]!)} (${files.length} files)`;
  const progress = uploadProgress(label, io.stderr, io.isTTY);
  const path = `/api/assignments/${assignment}/submissions`;
  const answer = await postMultipart({
    url: `${server}${path}`,
    token,
    files,
    ...(values.format === undefined ? {} : { fields: { format: values.format } }),
    onProgress: (sent, total) => progress.update(sent, '', total),
  });
  if (answer.status !== 201) throw serverErrorOf(`POST ${path}`, answer.status, answer.body);
  const created = parseSubmissionStatus(`POST ${path}`, answer.status, answer.body);
  io.stdout(
    `submitted ${created.id} (${created.format}, ${formatBytes(created.size)}): ${phaseLine(created)}\n`,
  );
  if (!values.wait) {
    io.stdout(`follow it with: critic submit … --wait, or ${server}/submissions/${created.id}\n`);
    return 0;
  }
  const final = await followSubmission({
    server,
    token,
    submissionId: created.id,
    onStatus: phasePrinter(io),
  });
  if (io.isTTY) io.stderr('\n');
  io.stdout(`${verdictLines(final).join('\n')}\n`);
  return final.status === 'succeeded' ? 0 : 1;
}

/** `critic submit`: uploads, optionally follows the grading; returns the exit code. */
export async function submitCommand(args: string[], io: CliIO): Promise<number> {
  try {
    return await submit(args, io);
  } catch (error) {
    if (error instanceof ServerError) {
      io.stderr(`critic: submit: ${error.message}\n`);
      return 1;
    }
    if (error instanceof TypeError && error.message === 'fetch failed') {
      io.stderr(
        `critic: submit: cannot reach the server: ${(error.cause as Error | undefined)?.message ?? error.message}\n`,
      );
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET') {
      io.stderr(`critic: submit: cannot reach the server: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
