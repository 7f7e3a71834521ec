// The API contract holds at compile time: a page (or client component) reads an answer's type from the
// route that produced it, so renaming a field of a route's response schema fails the typecheck exactly
// where a reader still uses the old name. Checked with the TypeScript compiler over the real sources,
// the route file swapped in memory for its renamed version.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A response-schema field renamed in a route file, and a reader of that field. */
interface Rename {
  what: string;
  route: string;
  from: string;
  to: string;
  reader: string;
  field: string;
}

const RENAMES: Rename[] = [
  {
    what: "a Server Component page reading GET /api/me's courses",
    route: 'src/server/routes/me.ts',
    from: '    courses: z.array(',
    to: '    enrolments: z.array(',
    reader: 'src/app/courses/page.tsx',
    field: 'courses',
  },
  {
    what: "a client component reading POST /api/assignments/:id/rejudge's count",
    route: 'src/server/routes/staff.ts',
    from: 'z.object({ count: z.number().int() })',
    to: 'z.object({ queued: z.number().int() })',
    reader: 'src/components/admin/AssignmentActions.tsx',
    field: 'count',
  },
];

const config = ts.getParsedCommandLineOfConfigFile(
  join(webRoot, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
if (config === undefined) throw new Error('apps/web/tsconfig.json did not parse');
const options: ts.CompilerOptions = { ...config.options, noEmit: true, incremental: false };
const roots = [join(webRoot, 'next-env.d.ts'), ...RENAMES.map((r) => join(webRoot, r.reader))];

/** A program over the readers, with `overlay` (absolute path → text) replacing files on disk. */
function program(overlay: Map<string, string>, old?: ts.Program): ts.Program {
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => overlay.get(file) ?? readFile(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, fresh) => {
    const text = overlay.get(file);
    return text === undefined
      ? getSourceFile(file, language, onError, fresh)
      : ts.createSourceFile(file, text, language);
  };
  return ts.createProgram({ rootNames: roots, options, host, ...(old ? { oldProgram: old } : {}) });
}

/** The type errors the compiler reports in `file`, as text. */
function errorsIn(p: ts.Program, file: string): string[] {
  const source = p.getSourceFile(join(webRoot, file));
  if (source === undefined) throw new Error(`${file} is not in the program`);
  return p.getSemanticDiagnostics(source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// Two compiler runs over a large import graph: minutes on a loaded machine, so a generous limit.
const LIMIT_MS = 600_000;

describe('the API contract at compile time', () => {
  const base = program(new Map());
  // Every rename at once: one more compiler run, each reader checked against its own rename.
  let renamed: ts.Program | undefined;
  const withRenames = () => {
    renamed ??= program(
      new Map(
        RENAMES.map(({ route, from, to }) => {
          const path = join(webRoot, route);
          const text = ts.sys.readFile(path) ?? '';
          expect(text, `${route} no longer declares the field this test renames`).toContain(from);
          return [path, text.replace(from, to)];
        }),
      ),
      base,
    );
    return renamed;
  };

  it.each(RENAMES)(
    'the readers typecheck against the routes as they are ($reader)',
    ({ reader }) => {
      expect(errorsIn(base, reader)).toEqual([]);
    },
    LIMIT_MS,
  );

  it.each(RENAMES)(
    'renaming a response field breaks $what',
    ({ reader, field }) => {
      expect(errorsIn(withRenames(), reader).join('\n')).toMatch(
        new RegExp(`Property '${field}' does not exist`),
      );
    },
    LIMIT_MS,
  );
});
