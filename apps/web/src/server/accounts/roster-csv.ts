import type { CourseRole, RosterEntry } from '@critic/db';

/** Columns a roster may have; `email` and `name` are required. */
export const ROSTER_COLUMNS = ['email', 'name', 'role', 'student_id'] as const;

const ROLES: readonly CourseRole[] = ['student', 'ta', 'instructor'];
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** A parsed roster: its entries, or every problem found, as `line N: …`. */
export type RosterParse = { ok: true; entries: RosterEntry[] } | { ok: false; errors: string[] };

/** One CSV record with the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits RFC 4180 CSV (quoted fields, `""` escapes, CRLF or LF) into records, skipping blank lines.
 * Kept rather than `csv-parse` (tried, 6.2.1) because every roster error names the line a record
 * starts on: csv-parse's `info.lines` is the line a record ends on, counts a CRLF inside a quoted
 * field as two lines, and `skip_records_with_empty_values` drops a row of empty fields that this
 * parser reports as a bad row.
 */
export function records(text: string): { records: CsvRecord[]; error?: string } {
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) out.push({ line: start, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) return { records: out, error: `line ${start}: a quoted field is not closed` };
  endRecord();
  return { records: out };
}

/**
 * Parses a roster CSV with a header row naming its columns (`email,name,role,student_id`; `role` and
 * `student_id` optional, in any order). Every bad line is reported, so one upload shows all problems.
 */
export function parseRosterCsv(text: string): RosterParse {
  const parsed = records(text);
  if (parsed.error !== undefined) return { ok: false, errors: [parsed.error] };
  const [header, ...rows] = parsed.records;
  if (header === undefined)
    return { ok: false, errors: ['line 1: expected a header row "email,name,role,student_id"'] };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const errors: string[] = [];
  for (const c of columns) {
    if (!(ROSTER_COLUMNS as readonly string[]).includes(c))
      errors.push(`line ${header.line}: unknown column "${c}"; expected ${ROSTER_COLUMNS.join(', ')}`);
  }
  for (const required of ['email', 'name']) {
    if (!columns.includes(required)) errors.push(`line ${header.line}: missing column "${required}"`);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0)
    return { ok: false, errors: [`line ${header.line + 1}: the roster has no rows after the header`] };

  const entries: RosterEntry[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const at = `line ${row.line}`;
    if (row.fields.length !== columns.length) {
      errors.push(
        `${at}: expected ${columns.length} fields (${columns.join(',')}), found ${row.fields.length}`,
      );
      continue;
    }
    const value = (col: string) => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : row.fields[i]!.trim();
    };
    const problems: string[] = [];
    const email = value('email').toLowerCase();
    if (!EMAIL.test(email))
      problems.push(`email: expected an address like ada@uni.example, found "${value('email')}"`);
    const name = value('name');
    if (name === '' || name.length > 200) problems.push(`name: expected 1-200 characters, found "${name}"`);
    const roleText = value('role').toLowerCase();
    const role = roleText === '' ? undefined : ROLES.find((r) => r === roleText);
    if (roleText !== '' && role === undefined)
      problems.push(`role: expected ${ROLES.join(', ')} or empty, found "${value('role')}"`);
    const externalId = value('student_id');
    if (externalId.length > 100) problems.push('student_id: expected at most 100 characters');
    const earlier = firstLineOf.get(email);
    if (earlier !== undefined) problems.push(`email ${email} is already on line ${earlier}`);
    else if (EMAIL.test(email)) firstLineOf.set(email, row.line);
    if (problems.length > 0) {
      errors.push(`${at}: ${problems.join('; ')}`);
      continue;
    }
    entries.push({
      email,
      name,
      ...(role === undefined ? {} : { role }),
      ...(externalId === '' ? {} : { externalId }),
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}
