/** A colour and how many pixels have it. */
interface Entry {
  rgb: number;
  count: number;
}

const channel = (rgb: number, c: number) => (rgb >> (16 - 8 * c)) & 0xff;

/**
 * Median-cut quantization: splits the colour histogram into at most `maxColors` boxes, each time
 * cutting the box with the widest channel range at its pixel-weighted median, and represents each box
 * by its pixel-weighted mean colour. Returns the palette and the palette index of every input colour.
 */
export function medianCut(
  histogram: ReadonlyMap<number, number>,
  maxColors: number,
): { palette: number[]; indexOf: Map<number, number> } {
  let boxes: Entry[][] = [[...histogram].map(([rgb, count]) => ({ rgb, count }))];
  while (boxes.length < maxColors) {
    let best = -1;
    let bestRange = 0;
    let bestChannel = 0;
    boxes.forEach((box, i) => {
      for (let c = 0; c < 3; c++) {
        let lo = 255;
        let hi = 0;
        for (const e of box) {
          const v = channel(e.rgb, c);
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi - lo > bestRange) {
          bestRange = hi - lo;
          best = i;
          bestChannel = c;
        }
      }
    });
    if (best < 0) break; // every box holds a single colour
    const box = boxes[best]!.sort((a, b) => channel(a.rgb, bestChannel) - channel(b.rgb, bestChannel));
    const total = box.reduce((s, e) => s + e.count, 0);
    let seen = 0;
    let cut = 1;
    for (; cut < box.length - 1; cut++) {
      seen += box[cut - 1]!.count;
      if (seen * 2 >= total) break;
    }
    boxes = [...boxes.slice(0, best), box.slice(0, cut), box.slice(cut), ...boxes.slice(best + 1)];
  }
  const palette: number[] = [];
  const indexOf = new Map<number, number>();
  for (const box of boxes) {
    const sums = [0, 0, 0];
    let n = 0;
    for (const e of box) {
      for (let c = 0; c < 3; c++) sums[c]! += channel(e.rgb, c) * e.count;
      n += e.count;
      indexOf.set(e.rgb, palette.length);
    }
    const [r, g, b] = sums.map((s) => Math.round(s / n));
    palette.push((r! << 16) | (g! << 8) | b!);
  }
  return { palette, indexOf };
}
