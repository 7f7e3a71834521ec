/** Parses a CSS hex colour (`#rgb` or `#rrggbb`, as the env frames use) into 0xRRGGBB. */
export function parseHexColor(value: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) throw new Error(`colour: expected #rgb or #rrggbb, found ${JSON.stringify(value)}`);
  const hex = m[1]!;
  if (hex.length === 6) return Number.parseInt(hex, 16);
  const [r, g, b] = [...hex].map((c) => Number.parseInt(c + c, 16));
  return (r! << 16) | (g! << 8) | b!;
}
