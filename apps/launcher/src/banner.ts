/** Draws `lines` inside a box of box-drawing characters, padded to the longest line. */
export function box(lines: readonly string[]): string {
  const width = Math.max(...lines.map((l) => [...l].length));
  const pad = (l: string) => l + ' '.repeat(width - [...l].length);
  return [
    `┌${'─'.repeat(width + 2)}┐`,
    ...lines.map((l) => `│ ${pad(l)} │`),
    `└${'─'.repeat(width + 2)}┘`,
  ].join('\n');
}

/** The lines `npm start` shows once everything runs: where the site is and how to sign in. */
export function readyLines(input: {
  url: string;
  password: string;
  accounts: readonly { email: string; role: string }[];
  /** Where the embedded PostgreSQL and the blobs live; undefined when DATABASE_URL is used. */
  embeddedDataDir: string | undefined;
}): string[] {
  const emailWidth = Math.max(...input.accounts.map((a) => a.email.length));
  return [
    `Critic is running at ${input.url}`,
    '',
    'Demo course "Reinforcement Learning (demo)", sign in as:',
    ...input.accounts.map((a) => `  ${a.email.padEnd(emailWidth)}  ${a.role}`),
    `  password (all accounts): ${input.password}`,
    '',
    input.embeddedDataDir === undefined
      ? 'Data: the database at DATABASE_URL'
      : `Data: embedded PostgreSQL and blobs under ${input.embeddedDataDir}`,
    'Ctrl-C stops the web app, the grader and the database.',
  ];
}
