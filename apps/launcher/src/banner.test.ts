import { describe, expect, it } from 'vitest';
import { box, readyLines } from './banner';

describe('box', () => {
  it('pads every line to the longest and closes the frame', () => {
    expect(box(['ab', 'abcd', ''])).toBe(
      ['┌──────┐', '│ ab   │', '│ abcd │', '│      │', '└──────┘'].join('\n'),
    );
  });
});

describe('readyLines', () => {
  it('shows the URL, each account with its role aligned, the password and how to stop', () => {
    const lines = readyLines({
      url: 'http://localhost:3000',
      password: 'pw-1234567890',
      accounts: [
        { email: 'a@x.y', role: 'instructor' },
        { email: 'longer@x.y', role: 'student' },
      ],
      embeddedDataDir: '/srv/critic/.data',
    });
    expect(lines[0]).toBe('Critic is running at http://localhost:3000');
    expect(lines).toContain('  a@x.y       instructor');
    expect(lines).toContain('  longer@x.y  student');
    expect(lines).toContain('  password (all accounts): pw-1234567890');
    expect(lines.at(-2)).toBe('Data: embedded PostgreSQL and blobs under /srv/critic/.data');
    expect(lines.at(-1)).toMatch(/Ctrl-C/);
  });
});
