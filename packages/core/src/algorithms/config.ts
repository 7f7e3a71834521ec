/** A config field that failed validation; `field` names it as the user wrote it. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** How one config field is validated. */
export type FieldRule =
  | 'positiveInt'
  | 'nonNegativeInt'
  | 'positive'
  | 'nonNegative'
  | 'unitInterval'
  | 'boolean'
  | 'layers'
  | 'activation'
  | 'finite'
  | 'optionalPositive'
  | { oneOf: readonly string[] };

function problem(rule: FieldRule, v: unknown): string | undefined {
  if (typeof rule === 'object') {
    return rule.oneOf.includes(v as string)
      ? undefined
      : `one of ${rule.oneOf.map((o) => JSON.stringify(o)).join(', ')}`;
  }
  const num = typeof v === 'number' && Number.isFinite(v);
  switch (rule) {
    case 'positiveInt':
      return num && Number.isInteger(v) && (v as number) > 0 ? undefined : 'a positive integer';
    case 'nonNegativeInt':
      return num && Number.isInteger(v) && (v as number) >= 0 ? undefined : 'a non-negative integer';
    case 'positive':
      return num && (v as number) > 0 ? undefined : 'a finite number > 0';
    case 'nonNegative':
      return num && (v as number) >= 0 ? undefined : 'a finite number ≥ 0';
    case 'unitInterval':
      return num && (v as number) >= 0 && (v as number) <= 1 ? undefined : 'a number in [0, 1]';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'true or false';
    case 'layers':
      return Array.isArray(v) && v.length > 0 && v.every((u) => Number.isInteger(u) && u > 0)
        ? undefined
        : 'a non-empty array of positive integers';
    case 'activation':
      return v === 'tanh' || v === 'relu' ? undefined : '"tanh" or "relu"';
    case 'finite':
      return num ? undefined : 'a finite number';
    case 'optionalPositive':
      return v === undefined || (num && (v as number) > 0) ? undefined : 'undefined or a finite number > 0';
  }
}

/**
 * Merges a user's partial config over the defaults and validates every field; an unknown or
 * invalid field throws a {@link ConfigError} naming it, what was expected and what was found.
 */
export function resolveConfig<C extends object>(
  algorithm: string,
  defaults: C,
  user: Partial<C> | undefined,
  rules: Record<keyof C, FieldRule>,
): C {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(user ?? {})) {
    if (!(key in rules)) {
      throw new ConfigError(
        key,
        `${algorithm} config: unknown field "${key}"; known fields: ${Object.keys(rules).join(', ')}`,
      );
    }
    if (value !== undefined) merged[key] = value;
  }
  for (const [key, rule] of Object.entries(rules) as [string, FieldRule][]) {
    const p = problem(rule, merged[key]);
    if (p) {
      throw new ConfigError(
        key,
        `${algorithm} config: ${key} must be ${p}, found ${JSON.stringify(merged[key])}`,
      );
    }
  }
  return merged as C;
}
