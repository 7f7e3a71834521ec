/** What went wrong, in terms a caller can branch on (HTTP: 404, 409, 400, 429). */
export type DbErrorCode = 'not_found' | 'conflict' | 'invalid' | 'limit';

/** The one error type of the data layer; `entity`/`field` name what was wrong. */
export class DbError extends Error {
  override readonly name = 'DbError';
  readonly code: DbErrorCode;
  readonly entity: string | undefined;
  readonly field: string | undefined;

  constructor(
    code: DbErrorCode,
    message: string,
    opts: { entity?: string; field?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.entity = opts.entity;
    this.field = opts.field;
  }

  static notFound(entity: string, id: string | number): DbError {
    return new DbError('not_found', `${entity} ${JSON.stringify(String(id))} not found`, {
      entity,
      field: 'id',
    });
  }
}

interface PgErrorFields {
  code: string;
  constraint_name?: string;
  table_name?: string;
  column_name?: string;
  detail?: string;
  message: string;
}

/** Human explanations of named constraints; anything else falls back to Postgres' own detail. */
const constraintMessages: Record<string, { field: string; message: string }> = {
  users_email_unique: { field: 'email', message: 'a user with this email already exists' },
  users_email_lower: { field: 'email', message: 'email must be lower-case and contain "@"' },
  courses_slug_unique: { field: 'slug', message: 'a course with this slug already exists' },
  enrollments_pk: { field: 'userId', message: 'this user is already enrolled in the course' },
  teams_course_name_unique: { field: 'name', message: 'a team with this name already exists in the course' },
  team_members_pk: { field: 'userId', message: 'this user is already a member of the team' },
  team_members_one_team_per_course: {
    field: 'userId',
    message: 'this user is already in a team of this course',
  },
  team_members_enrollment_fk: { field: 'userId', message: "the user is not enrolled in the team's course" },
  team_members_team_fk: { field: 'teamId', message: 'the team does not exist in this course' },
  assignments_course_slug_unique: {
    field: 'slug',
    message: 'an assignment with this slug already exists in the course',
  },
  assignments_agent_has_env: { field: 'envId', message: 'an agent assignment needs an envId' },
  assignments_episodes_nonneg: { field: 'publicEpisodes', message: 'episode counts must be >= 0' },
  assignments_limits_positive: { field: 'limits', message: 'every limit must be > 0' },
  assignments_dates_ordered: { field: 'dueAt', message: 'dates must satisfy opensAt <= dueAt <= lateUntil' },
  assignments_late_penalty_range: { field: 'latePenalty', message: 'latePenalty must be within [0, 1]' },
  submissions_sha256_hex: {
    field: 'artifactSha256',
    message: 'artifactSha256 must be 64 lower-case hex digits',
  },
  submissions_one_selected_team: {
    field: 'selected',
    message: 'the team already selected another submission',
  },
  submissions_one_selected_user: { field: 'selected', message: 'another submission is already selected' },
  evaluations_ci_ordered: { field: 'ciLow', message: 'ciLow must be <= ciHigh' },
  episodes_pk: { field: 'index', message: 'two episodes have the same index' },
  episodes_seed_uint32: { field: 'seed', message: 'episode seeds must be uint32 (0 … 4294967295)' },
  check_results_pk: { field: 'caseIndex', message: 'two results for the same check and case' },
  check_results_points_range: { field: 'points', message: 'points must be within [0, maxPoints]' },
  api_tokens_hash_unique: { field: 'tokenHash', message: 'this token already exists' },
};

function findPgError(err: unknown): PgErrorFields | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur instanceof Error; depth++) {
    const c = cur as Error & Partial<PgErrorFields>;
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code) && 'severity' in c)
      return c as PgErrorFields;
    cur = c.cause;
  }
  return undefined;
}

/**
 * Turns a Postgres constraint error (23505 unique, 23503 foreign key, 23514 check, 23502 not null,
 * 22P02 bad text representation, e.g. a malformed uuid) into a DbError; anything else is returned as is.
 */
export function toDbError(err: unknown, entity?: string): unknown {
  if (err instanceof DbError) return err;
  const pg = findPgError(err);
  if (pg === undefined) return err;
  const table = pg.table_name ?? entity ?? 'row';
  const known = pg.constraint_name ? constraintMessages[pg.constraint_name] : undefined;
  const base = { entity: table, cause: err };
  switch (pg.code) {
    case '23505':
      return new DbError('conflict', `${table}: ${known?.message ?? pg.detail ?? pg.message}`, {
        ...base,
        field: known?.field ?? pg.column_name,
      });
    case '23503': {
      const message =
        known?.message ?? `${pg.detail ?? pg.message} (referenced row does not exist or is still in use)`;
      return new DbError('not_found', `${table}: ${message}`, {
        ...base,
        field: known?.field ?? pg.column_name,
      });
    }
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new DbError('invalid', `${table}: ${known?.message ?? pg.message}`, {
        ...base,
        field: known?.field ?? pg.column_name,
      });
    default:
      return err;
  }
}

/** Runs `fn` and rethrows constraint violations as DbError. */
export async function mapDbErrors<T>(entity: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toDbError(err, entity);
  }
}
