import {
  type Assignment,
  baselineRows,
  type Database,
  type EvaluationSplit,
  getAssignment,
  leaderboard,
  replayLinks,
  studentBoardAccess,
  teamOfUser,
} from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { hiddenAs, MEMBERS, requireCourseRole, STAFF } from '../auth/require';
import type { BoardSnapshot } from '../cache/api-caches';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { assignmentIdParam } from './submissions';

export const ReplaySchema = z.object({ evaluationId: z.uuid(), episodeIndex: z.number().int() }).nullable();

export const RowSchema = z
  .object({
    rank: z.number().int(),
    team: z.object({ id: z.uuid(), name: z.string() }),
    /** Null for other teams' rows when a student looks: their submissions are not theirs to open. */
    submissionId: z.uuid().nullable(),
    score: z.number(),
    ciLow: z.number(),
    ciHigh: z.number(),
    iqm: z.number(),
    n: z.number().int(),
    isLate: z.boolean(),
    selected: z.boolean(),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    isViewerTeam: z.boolean(),
    replay: ReplaySchema,
  })
  .openapi('LeaderboardRow');

export const BaselineSchema = z
  .object({
    baseline: z.string(),
    submissionId: z.uuid(),
    score: z.number(),
    ciLow: z.number(),
    ciHigh: z.number(),
    iqm: z.number(),
    n: z.number().int(),
    replay: ReplaySchema,
  })
  .openapi('BaselineRow');

export const BoardSchema = z
  .object({
    board: z.enum(['public', 'private']),
    released: z.boolean(),
    visibility: z.enum(['public', 'after_due', 'hidden']),
    rows: z.array(RowSchema),
    baselines: z.array(BaselineSchema),
  })
  .openapi('Leaderboard');

const route = taggedRoutes('boards');

const boardRoute = route.get('/assignments/{assignmentId}/leaderboard', {
  summary: 'The public or private board of an agent assignment, with baseline rows and replay links',
  request: {
    params: assignmentIdParam,
    query: z.object({ board: z.enum(['public', 'private']).default('public') }),
  },
  responses: {
    200: jsonResponse('The board', BoardSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

/**
 * `GET /assignments/:id/leaderboard`. Staff see both boards at all times. Students see a board when
 * the assignment's visibility allows it (private only once released), every team's name and score,
 * but submission ids and private replays only of their own team.
 */
export function leaderboardRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(boardRoute, async (c) => {
    const deps = c.get('deps');
    const { assignmentId } = c.req.valid('param');
    const { board } = c.req.valid('query');
    const caches = c.get('caches');
    const a = await caches.assignments.get(assignmentId, () => getAssignment(deps.db, assignmentId));
    const { viewer, role } = await requireCourseRole(c, a.courseId, MEMBERS, hiddenAs('assignment', a.id));
    if (a.kind !== 'agent') {
      throw new ApiError(
        400,
        'invalid',
        `assignment "${a.slug}" is a homework (checks); only agent assignments have boards`,
        {
          field: 'assignmentId',
        },
      );
    }
    const staff = STAFF.includes(role);
    const now = deps.now();
    const access = studentBoardAccess(a, now);
    const released = a.privateReleasedAt !== null && a.privateReleasedAt <= now;
    if (!staff && !access[board]) {
      const why =
        board === 'private'
          ? 'the private board is shown once the instructor releases it'
          : a.leaderboardVisibility === 'hidden'
            ? 'this board is visible to staff only'
            : `the board opens at the due date, ${a.dueAt.toISOString()}`;
      throw new ApiError(403, 'board_not_released', why);
    }
    const team = staff
      ? undefined
      : await caches.teams.get(
          `${a.courseId}:${viewer.id}`,
          () => teamOfUser(deps.db, a.courseId, viewer.id),
          (t) => t !== undefined,
        );
    const snapshot = await caches.boards.get(`${assignmentId}:${board}`, () =>
      boardSnapshot(deps.db, assignmentId, board),
    );
    // Viewers of one kind (staff, or one team's members) get the same bytes: serialize once per snapshot.
    const view: BoardView = { board, released, visibility: a.leaderboardVisibility, staff, teamId: team?.id };
    const key = `${staff ? 'staff' : (team?.id ?? '-')}:${released}:${a.leaderboardVisibility}`;
    let body = snapshot.bodies.get(key);
    if (body === undefined) {
      body = JSON.stringify(boardBody(snapshot, view));
      snapshot.bodies.set(key, body);
    }
    // The text is JSON.stringify of a value typed by BoardSchema; the typed handler cannot see through text.
    return c.newResponse(body, 200, { 'content-type': 'application/json' }) as never;
  });
}

/** Who looks at a board, and which board. */
interface BoardView {
  board: EvaluationSplit;
  released: boolean;
  visibility: Assignment['leaderboardVisibility'];
  staff: boolean;
  teamId: string | undefined;
}

/** The board as `view` may see it: other teams' submission ids and private replays only for staff. */
function boardBody(snapshot: BoardSnapshot, view: BoardView): z.infer<typeof BoardSchema> {
  const { rows, baselines, replays } = snapshot;
  const replayOf = (id: string, mine: boolean) =>
    view.board === 'public' || view.staff || mine ? (replays.get(id) ?? null) : null;
  return {
    board: view.board,
    released: view.released,
    visibility: view.visibility,
    rows: rows.map((r) => {
      const mine = view.teamId === r.teamId;
      return {
        rank: r.rank,
        team: { id: r.teamId, name: r.teamName },
        submissionId: view.staff || mine ? r.submissionId : null,
        score: r.score,
        ciLow: r.ciLow,
        ciHigh: r.ciHigh,
        iqm: r.iqm,
        n: r.n,
        isLate: r.isLate,
        selected: r.selected,
        submittedAt: r.submittedAt.toISOString(),
        isViewerTeam: mine,
        replay: replayOf(r.submissionId, mine),
      };
    }),
    baselines: baselines.map((b) => ({
      baseline: b.baseline,
      submissionId: b.submissionId,
      score: b.score,
      ciLow: b.ciLow,
      ciHigh: b.ciHigh,
      iqm: b.iqm,
      n: b.n,
      replay: replayOf(b.submissionId, false),
    })),
  };
}

/** Everything a board shows, read once for all viewers (cached for `cacheMs.board`). */
async function boardSnapshot(
  db: Database,
  assignmentId: string,
  split: EvaluationSplit,
): Promise<BoardSnapshot> {
  const [rows, baselines] = await Promise.all([
    leaderboard(db, { assignmentId, split }),
    baselineRows(db, { assignmentId, split }),
  ]);
  const replays = await replayLinks(db, {
    submissionIds: [...rows.map((r) => r.submissionId), ...baselines.map((b) => b.submissionId)],
    split,
  });
  return { rows, baselines, replays, bodies: new Map() };
}
