/** Longest console text shown (the grader already bounds it to 64 KiB). */
const MAX_CHARS = 64 * 1024;

/** What the submission's code printed in the sandbox, monospace and bounded. */
export function ConsoleOutput({ text }: { text: string }) {
  if (text.trim() === '') return <p className="muted">The code printed nothing.</p>;
  const shown = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n… (cut at 64 KiB)` : text;
  return (
    <pre className="console" data-testid="console-output">
      {shown}
    </pre>
  );
}
