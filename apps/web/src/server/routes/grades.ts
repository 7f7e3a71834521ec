import { getAssignment, getCourse, gradeExportRows, studentExternalIds } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses } from '../accounts/schemas';
import { hiddenAs, requireCourseRole, STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { assignmentIdParam } from './submissions';

const route = taggedRoutes('staff');

const gradesRoute = route.get('/assignments/{assignmentId}/grades.csv', {
  summary:
    'Grades as CSV for Moodle: one row per student (Email address, ID number, Full name, then the grade)',
  request: { params: assignmentIdParam },
  responses: {
    200: { description: 'A CSV attachment', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(401, 403, 404),
  },
});

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. Text
 * that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvLine = (fields: (string | number | null)[]) => `${fields.map(csvField).join(',')}\r\n`;

/** A score rounded to 4 decimals (no float noise like 487.24999999 in the gradebook). */
const round = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

/** `GET /assignments/:id/grades.csv` (staff). */
export function gradeRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(gradesRoute, async (c) => {
    const db = c.get('deps').db;
    const a = await getAssignment(db, c.req.valid('param').assignmentId);
    await requireCourseRole(c, a.courseId, STAFF, hiddenAs('assignment', a.id));
    const [course, rows, ids] = await Promise.all([
      getCourse(db, a.courseId),
      gradeExportRows(db, a.id),
      studentExternalIds(db, a.courseId),
    ]);
    const agent = a.kind === 'agent';
    const header = [
      'Email address',
      'ID number',
      'Full name',
      a.title,
      ...(agent ? ['Team', 'Rank'] : ['Max points']),
      'Late',
      'Submitted at',
      'Submission',
    ];
    let csv = csvLine(header);
    for (const r of rows) {
      csv += csvLine([
        r.email,
        ids.get(r.email) ?? '',
        r.name,
        round(r.score),
        ...(agent ? [r.team, r.rank] : [r.maxPoints]),
        r.submissionId === null ? '' : r.isLate ? 'yes' : 'no',
        r.submittedAt?.toISOString() ?? '',
        r.submissionId,
      ]);
    }
    const file = `${course.slug}-${a.slug}-grades.csv`;
    return new Response(csv, {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
