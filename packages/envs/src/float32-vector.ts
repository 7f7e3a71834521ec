/** A new Float32Array of two values (float32-rounded, as numpy's cast); faster than `Float32Array.of`. */
export function float32Of2(a: number, b: number): Float32Array {
  const out = new Float32Array(2);
  out[0] = a;
  out[1] = b;
  return out;
}

/** A new Float32Array of three values. */
export function float32Of3(a: number, b: number, c: number): Float32Array {
  const out = new Float32Array(3);
  out[0] = a;
  out[1] = b;
  out[2] = c;
  return out;
}

/** A new Float32Array of four values. */
export function float32Of4(a: number, b: number, c: number, d: number): Float32Array {
  const out = new Float32Array(4);
  out[0] = a;
  out[1] = b;
  out[2] = c;
  out[3] = d;
  return out;
}
