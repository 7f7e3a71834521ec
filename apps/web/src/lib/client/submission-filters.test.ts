import { describe, expect, it } from 'vitest';
import { filtersFromSearch, withFilters } from './submission-filters';

describe('submission filters in the URL', () => {
  it('round-trips through the search parameters, dropping empty ones', () => {
    const f = { assignmentId: 'a1', status: 'failed', teamId: '' };
    const href = withFilters('http://x.test/courses/c/admin?team=old', f);
    expect(href).toBe('http://x.test/courses/c/admin?assignment=a1&status=failed');
    const search = Object.fromEntries(new URL(href).searchParams);
    expect(filtersFromSearch(search)).toEqual(f);
    expect(filtersFromSearch({ status: ['a', 'b'] })).toEqual({ assignmentId: '', status: '', teamId: '' });
  });
});
