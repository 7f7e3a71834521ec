import { type BuildOptions, build, type Message, type Plugin } from 'esbuild';
import { InvalidArtifactError } from '../verdict';

/** A student module transpiled to a script the sandbox can evaluate. */
export interface PreparedModule {
  /** The file name shown in the student's stack traces. */
  filename: string;
  /**
   * Script whose completion value is a factory: calling it runs the module's top-level code once
   * and returns its exports object (so each episode can get its own module instance).
   */
  script: string;
  /** The names the module exports, found statically. */
  exports: string[];
  /** Source map `mappings` from the generated module code back to the student's source (for stack traces). */
  sourceMappings: string;
  /** Lines of `script` before the generated module code starts. */
  lineOffset: number;
}

/** What a module must provide. */
export interface ModuleRequirements {
  /** The file name of the upload (`.ts`, `.mts`, `.js`, `.mjs`); decides the loader. */
  filename: string;
  /** Exported functions that must be present (e.g. `['act']`). */
  requiredExports: readonly string[];
  /** Largest accepted source, in bytes. */
  maxSourceBytes: number;
}

const GLOBAL_NAME = '__criticModule';

/** Refuses every import: student code is one self-contained module. */
const noImports: Plugin = {
  name: 'critic-no-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const how =
        args.kind === 'require-call' ? 'require()' : args.kind === 'dynamic-import' ? 'import()' : 'import';
      return {
        errors: [
          {
            text: `${how} of "${args.path}" is not allowed: a submission must be one self-contained module (no imports or require; embed what you need)`,
          },
        ],
      };
    });
  },
};

function describeMessages(messages: Message[], filename: string): string {
  return messages
    .slice(0, 5)
    .map((m) => {
      const at = m.location ? `${filename}:${m.location.line}:${m.location.column + 1}: ` : '';
      return `${at}${m.text}`;
    })
    .join('\n');
}

function loaderFor(filename: string): 'ts' | 'js' {
  if (/\.(ts|mts|cts)$/i.test(filename)) return 'ts';
  if (/\.(js|mjs|cjs)$/i.test(filename)) return 'js';
  throw new InvalidArtifactError(`unsupported file type: expected a .js or .ts module, got "${filename}"`, {
    file: filename,
    expected: '.js, .mjs, .ts or .mts',
    found: filename,
  });
}

function hasBuildErrors(e: unknown): e is { errors: Message[] } {
  return typeof e === 'object' && e !== null && Array.isArray((e as { errors?: unknown }).errors);
}

/**
 * Transpiles a student's JS/TS module (ES module with named exports) into a sandbox script, refusing
 * imports, syntax errors, oversized sources and missing exports. Never executes the student's code.
 */
export async function prepareModule(source: string, req: ModuleRequirements): Promise<PreparedModule> {
  const file = req.filename;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > req.maxSourceBytes) {
    throw new InvalidArtifactError(
      `${file} is too large: ${bytes} bytes, the limit is ${req.maxSourceBytes}`,
      {
        file,
        expected: `≤ ${req.maxSourceBytes} bytes`,
        found: `${bytes} bytes`,
      },
    );
  }
  const loader = loaderFor(file);
  const common: BuildOptions = {
    stdin: { contents: source, loader, sourcefile: file },
    bundle: true,
    write: false,
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'silent',
    // Keep every import (TS would drop unused ones) so that any import is refused, used or not.
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    plugins: [noImports],
  };
  let exports: string[];
  let code: string;
  let mappings: string;
  try {
    // As an ES module, to read its exports; as an IIFE with a source map, to run it.
    const esm = await build({ ...common, format: 'esm', metafile: true });
    exports = Object.values(esm.metafile.outputs)[0]?.exports ?? [];
    const iife = await build({
      ...common,
      format: 'iife',
      globalName: GLOBAL_NAME,
      sourcemap: 'external',
      outfile: 'module.js',
    });
    const js = iife.outputFiles?.find((f) => f.path.endsWith('.js'));
    const map = iife.outputFiles?.find((f) => f.path.endsWith('.map'));
    if (!js || !map) throw new Error('esbuild produced no output');
    code = js.text.replace(/\/\/# sourceMappingURL=.*\s*$/, '');
    mappings = String((JSON.parse(map.text) as { mappings?: unknown }).mappings ?? '');
  } catch (e) {
    if (hasBuildErrors(e)) {
      throw new InvalidArtifactError(`${file} does not compile:\n${describeMessages(e.errors, file)}`, {
        file,
      });
    }
    throw e;
  }
  const missing = req.requiredExports.filter((name) => !exports.includes(name));
  if (missing.length > 0) {
    throw new InvalidArtifactError(
      `${file} must export ${missing.map((m) => `\`${m}\``).join(', ')} (as \`export function ${missing[0]}(...)\`); it exports ${exports.length ? exports.map((x) => `\`${x}\``).join(', ') : 'nothing'}`,
      { file, expected: req.requiredExports.join(', '), found: exports.join(', ') || '(no exports)' },
    );
  }
  // The factory's body is the module; each call makes a fresh instance with its own module state.
  const script = `(function () {\n${code}\nreturn ${GLOBAL_NAME};\n})`;
  return { filename: file, script, exports, sourceMappings: mappings, lineOffset: 1 };
}
