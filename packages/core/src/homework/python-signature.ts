/**
 * The Python form of a homework function: its name, each argument's numpy type and shape, and the
 * return. Inputs arrive as numpy float64 arrays (bool arrays for masks), Python floats and ints.
 */

/** How an argument reaches a Python function. */
export type PythonArgKind =
  /** A 1-D `np.ndarray` of float64. */
  | 'float64[]'
  /** A 2-D `np.ndarray` of float64 (rows × columns). */
  | 'float64[][]'
  /** A 1-D `np.ndarray` of bool (an episode-end mask; the JS form passes 0/1 numbers). */
  | 'bool[]'
  /** A Python `float`. */
  | 'float'
  /** A Python `int`. */
  | 'int';

/** One argument of the Python function. */
export interface PythonParam {
  /** snake_case name (`next_values`, `lam`, …). */
  name: string;
  /** Its type. */
  kind: PythonArgKind;
  /** Its shape, for arrays (`[T]`, `[B, K]`). */
  shape?: string;
  /** What it holds, in a few words with the lecture's symbol (`r_t`, `V(s′_t)`). */
  doc: string;
  /** The JS/TS name where it is not the camelCase of `name` (`lam` is `lambda` in JS). */
  jsName?: string;
}

/** What the Python function returns. */
export interface PythonReturn {
  /** `float64[]` (one value per step/row, shape `shape`) or `float` (a loss). */
  kind: 'float64[]' | 'float';
  /** Its shape, for an array. */
  shape?: string;
  /** What it is. */
  doc: string;
}

/** A homework function's Python signature. */
export interface PythonSignature {
  /** snake_case function name the student's module defines (`discounted_returns`, …). */
  name: string;
  /** Arguments, in the same order as the JS/TS form's. */
  params: readonly PythonParam[];
  /** The result. */
  returns: PythonReturn;
}

const NUMPY_TYPE: Record<PythonArgKind, string> = {
  'float64[]': 'NDArray[np.float64]',
  'float64[][]': 'NDArray[np.float64]',
  'bool[]': 'NDArray[np.bool_]',
  float: 'float',
  int: 'int',
};

function comment(kind: string, shape: string | undefined, doc: string): string {
  return shape === undefined ? doc : `${kind.replace(/\[\]/g, '')}${shape}: ${doc}`;
}

/**
 * The `def` line of a signature, one argument per line with its dtype, shape and meaning as a
 * comment (what the homework page and the starter module show).
 */
export function pythonDef(signature: PythonSignature): string {
  const width = Math.max(...signature.params.map((p) => p.name.length + NUMPY_TYPE[p.kind].length + 3));
  const lines = signature.params.map((p) => {
    const head = `    ${p.name}: ${NUMPY_TYPE[p.kind]},`;
    return `${head.padEnd(width + 6)}# ${comment(p.kind, p.shape, p.doc)}`;
  });
  const r = signature.returns;
  const returnType = r.kind === 'float' ? 'float' : 'NDArray[np.float64]';
  return [
    `def ${signature.name}(`,
    ...lines,
    `) -> ${returnType}:  # ${comment(r.kind, r.shape, r.doc)}`,
  ].join('\n');
}

const TS_TYPE: Record<PythonArgKind, string> = {
  'float64[]': 'number[]',
  'float64[][]': 'number[][]',
  'bool[]': 'number[]',
  float: 'number',
  int: 'number',
};

/** The JS/TS name of an argument: `jsName`, else the camelCase of its Python name (`next_values` → `nextValues`). */
export function jsParamName(param: PythonParam): string {
  return param.jsName ?? param.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The TypeScript form of a signature, `function name(a: number[], …): number[]`, with the same
 * arguments in the same order (a bool mask is a 0/1 `number[]` in JS).
 */
export function typeScriptSignature(functionName: string, signature: PythonSignature): string {
  const params = signature.params.map((p) => `${jsParamName(p)}: ${TS_TYPE[p.kind]}`).join(', ');
  return `function ${functionName}(${params}): ${TS_TYPE[signature.returns.kind]}`;
}

/** The one-line form, `def name(a, b, c)`, for lists and messages. */
export function pythonCall(signature: PythonSignature): string {
  return `def ${signature.name}(${signature.params.map((p) => p.name).join(', ')})`;
}
