// The instructor's roster view shows seats waiting for a verified address, with the log mailer's link
// (data read from the real API on a real database, rendered as the admin page renders it).
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createCourseAs,
  expectJson,
  importRosterAs,
  signUp,
  uniqueEmail,
} from '../../../test/support/accounts';
import { type ApiHarness, createApiHarness } from '../../../test/support/harness';
import { type PendingSeat, PendingSeats } from './PendingSeats';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('PendingSeats', () => {
  it('lists a reserved TA seat with the verification link mailed to its address, and a seat nobody claimed', async () => {
    const prof = await signUp(h, { name: 'Prof' });
    const course = await createCourseAs(h, prof);
    const ta = uniqueEmail('ta');
    const later = uniqueEmail('later');
    await expectJson(
      await importRosterAs(h, prof, course.id, `email,name,role\n${ta},Tia,ta\n${later},Lee,student\n`),
      200,
    );
    await signUp(h, { name: 'Tia', email: ta, verify: false });
    const seats = await expectJson<PendingSeat[]>(
      await authed(h, prof.cookie, `/api/courses/${course.id}/roster/invitations`),
      200,
    );
    const html = renderToStaticMarkup(<PendingSeats seats={seats} />);
    const link = h.deps.mailer.lastLinkTo(ta)!;
    expect(link).toMatch(/\/api\/auth\/verify-email\?token=/);
    expect(html).toContain(`<code>${link.replaceAll('&', '&amp;')}</code>`);
    expect(html).toMatch(new RegExp(`${ta.replace(/[.]/g, '\\.')}.*?signed up, not verified`));
    expect(html).toMatch(new RegExp(`${later.replace(/[.]/g, '\\.')}.*?not signed up yet.*?sent by mail`));
    expect(renderToStaticMarkup(<PendingSeats seats={[]} />)).toContain('Every roster seat is taken');
  });
});
