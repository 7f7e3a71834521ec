// The staff submission list's filters, kept in the dashboard's URL (`?assignment=…&status=…&team=…`),
// so that a reload or a shared link keeps them. Plain functions: used by the server page and the client list.

/** The filters of the submission list ('' = all). */
export interface SubmissionFilters {
  assignmentId: string;
  status: string;
  teamId: string;
}

/** The URL search parameter of each filter. */
export const FILTER_PARAMS: Record<keyof SubmissionFilters, string> = {
  assignmentId: 'assignment',
  status: 'status',
  teamId: 'team',
};

/** Reads the filters from a page's search parameters (missing or repeated ones: all). */
export function filtersFromSearch(search: Record<string, string | string[] | undefined>): SubmissionFilters {
  const one = (k: string) => {
    const v = search[k];
    return typeof v === 'string' ? v : '';
  };
  return {
    assignmentId: one(FILTER_PARAMS.assignmentId),
    status: one(FILTER_PARAMS.status),
    teamId: one(FILTER_PARAMS.teamId),
  };
}

/** `href` with the filters written into its search parameters (empty ones removed). */
export function withFilters(href: string, filters: SubmissionFilters): string {
  const url = new URL(href);
  for (const [k, param] of Object.entries(FILTER_PARAMS)) {
    const v = filters[k as keyof SubmissionFilters];
    if (v === '') url.searchParams.delete(param);
    else url.searchParams.set(param, v);
  }
  return url.href;
}
