/** A growable byte buffer. */
export class ByteWriter {
  private buf = new Uint8Array(1024);
  private len = 0;

  /** Number of bytes written. */
  get length(): number {
    return this.len;
  }

  /** Appends one byte (low 8 bits of `b`). */
  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b & 0xff;
  }

  /** Appends a 16-bit little-endian unsigned integer. */
  u16(v: number): void {
    this.byte(v);
    this.byte(v >> 8);
  }

  /** Appends bytes. */
  bytes(src: ArrayLike<number>): void {
    this.reserve(src.length);
    this.buf.set(src, this.len);
    this.len += src.length;
  }

  /** Appends the ASCII codes of `text`. */
  ascii(text: string): void {
    for (let i = 0; i < text.length; i++) this.byte(text.charCodeAt(i));
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}
