/** The attributes of every element in `html` whose data-testid is `testId`, in document order (for tests). */
export function elementsByTestId(html: string, testId: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(/<([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)) {
    const attrs: Record<string, string> = { tag: m[1]! };
    for (const a of m[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    if (attrs['data-testid'] === testId) out.push(attrs);
  }
  return out;
}

/** The numeric value of attribute `name` (throws when it is missing). */
export function num(attrs: Record<string, string> | undefined, name: string): number {
  const v = attrs?.[name];
  if (v === undefined) throw new Error(`attribute ${name} missing in ${JSON.stringify(attrs)}`);
  return Number(v);
}
