import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from './roster-csv';

describe('parseRosterCsv', () => {
  it('reads columns by header, quoted fields, CRLF, a BOM and blank lines', () => {
    const csv =
      '\uFEFFname,email,student_id,role\r\n"Lovelace, Ada",ADA@Uni.test,s-1,TA\r\n\r\nBob,bob@uni.test,,\r\n"Carol ""C""",carol@uni.test,s-3,\n';
    expect(parseRosterCsv(csv)).toEqual({
      ok: true,
      entries: [
        { email: 'ada@uni.test', name: 'Lovelace, Ada', role: 'ta', externalId: 's-1' },
        { email: 'bob@uni.test', name: 'Bob' },
        { email: 'carol@uni.test', name: 'Carol "C"', externalId: 's-3' },
      ],
    });
  });

  it('reports every bad line with its number, the field and what was expected', () => {
    const csv = [
      'email,name,role,student_id',
      'ok@uni.test,Ok,student,1',
      'not-an-email,Bad,student,2',
      'x@uni.test,,dean,3',
      'short@uni.test,Short',
      'OK@uni.test,Again,,4',
    ].join('\n');
    const r = parseRosterCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'line 3: email: expected an address like ada@uni.example, found "not-an-email"',
      'line 4: name: expected 1-200 characters, found ""; role: expected student, ta, instructor or empty, found "dean"',
      'line 5: expected 4 fields (email,name,role,student_id), found 2',
      'line 6: email ok@uni.test is already on line 2',
    ]);
  });

  it('refuses an unknown or missing header column and an empty roster', () => {
    expect(parseRosterCsv('mail,name\na@b.c,A')).toEqual({
      ok: false,
      errors: [
        'line 1: unknown column "mail"; expected email, name, role, student_id',
        'line 1: missing column "email"',
      ],
    });
    expect(parseRosterCsv('email,name\n')).toEqual({
      ok: false,
      errors: ['line 2: the roster has no rows after the header'],
    });
    expect(parseRosterCsv('email,name\n"a@b.c,A')).toEqual({
      ok: false,
      errors: ['line 2: a quoted field is not closed'],
    });
  });
});
