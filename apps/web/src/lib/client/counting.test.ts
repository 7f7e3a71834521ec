import { describe, expect, it } from 'vitest';
import { countingSubmissionIds } from './counting';

const sam = { id: 'u-sam', name: 'Sam' };
const ada = { id: 'u-ada', name: 'Ada' };
const sub = (id: string, by: typeof sam, score: number | null, at: string, selected = false) => ({
  id,
  team: null,
  submittedBy: by,
  selected,
  publicScore: score,
  submittedAt: at,
});

describe('countingSubmissionIds', () => {
  it('counts the best of each student, the earliest among equals, a chosen one over the best', () => {
    const list = [
      sub('sam-latest', sam, 49.67, '2026-01-03'),
      sub('sam-best', sam, 65, '2026-01-02'),
      sub('sam-equal-later', sam, 65, '2026-01-04'),
      sub('sam-failed', sam, null, '2026-01-05'),
      sub('ada-best', ada, 30, '2026-01-01'),
      sub('ada-chosen', ada, 10, '2026-01-02', true),
    ];
    expect([...countingSubmissionIds(list)].sort()).toEqual(['ada-chosen', 'sam-best']);
    expect(countingSubmissionIds([sub('x', sam, null, '2026-01-01')]).size).toBe(0);
  });
});
