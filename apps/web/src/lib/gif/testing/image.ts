// Test support for the GIF tests: synthetic RGBA images.

/** An RGBA image whose pixel (x, y) has colour f(x, y) (0xRRGGBB). */
export function image(width: number, height: number, f: (x: number, y: number) => number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = f(x, y);
      rgba.set([(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 255], (y * width + x) * 4);
    }
  }
  return rgba;
}
