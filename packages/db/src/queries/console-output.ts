/** Most bytes (UTF-8) of a submission's stored console output: the runner's 64 KiB bound. */
export const MAX_CONSOLE_OUTPUT_BYTES = 65_536;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The console output as stored: null when empty; cut to {@link MAX_CONSOLE_OUTPUT_BYTES} with a note
 * saying so when longer (the runner already bounds it; this keeps the column's bound whatever the caller).
 */
export function boundConsoleOutput(output: string | undefined): string | null {
  if (output === undefined || output === '') return null;
  if (bytes(output) <= MAX_CONSOLE_OUTPUT_BYTES) return output;
  const note = `\n[console output truncated at ${MAX_CONSOLE_OUTPUT_BYTES} bytes]\n`;
  const budget = MAX_CONSOLE_OUTPUT_BYTES - bytes(note);
  let head = Buffer.from(output, 'utf8').subarray(0, budget).toString('utf8');
  while (bytes(head) > budget) head = head.slice(0, -1); // a character cut in two decodes to U+FFFD
  return `${head}${note}`;
}
