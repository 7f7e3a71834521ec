/** One protobuf field as read from the wire: a varint/fixed number or a length-delimited byte range. */
export type ProtoField =
  | { field: number; wire: 0 | 1 | 5; value: number }
  | { field: number; wire: 2; bytes: Uint8Array };

/** Thrown on malformed protobuf data (with the byte offset). */
export class ProtobufError extends Error {}

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtobufError(`truncated varint at byte ${pos}`);
    const b = buf[pos++]!;
    // Values above 2^53 (e.g. negative int64) lose precision; callers treat them as unknown.
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return [value, pos];
  }
  throw new ProtobufError(`varint longer than 10 bytes at byte ${pos}`);
}

/** Reads every top-level field of one protobuf message, bounds-checked. */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new ProtobufError(`field number 0 at byte ${pos}`);
    pos = p1;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      out.push({ field, wire, value: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      if (p2 + len > buf.length)
        throw new ProtobufError(`field ${field} of ${len} bytes runs past the end at byte ${p2}`);
      out.push({ field, wire, bytes: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length)
        throw new ProtobufError(`fixed field ${field} runs past the end at byte ${pos}`);
      const view = new DataView(buf.buffer, buf.byteOffset + pos, size);
      out.push({
        field,
        wire,
        value: wire === 5 ? view.getUint32(0, true) : Number(view.getBigUint64(0, true)),
      });
      pos += size;
    } else {
      throw new ProtobufError(`unsupported wire type ${wire} at byte ${pos}`);
    }
  }
  return out;
}

/** A minimal protobuf writer (varints, strings, bytes, nested messages, packed floats). */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }

  private varint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`varint: expected a non-negative safe integer, got ${v}`);
    const bytes: number[] = [];
    let x = v;
    while (x >= 128) {
      bytes.push((x % 128) | 0x80);
      x = Math.floor(x / 128);
    }
    bytes.push(x);
    this.push(Uint8Array.from(bytes));
  }

  /** A varint field (int32/int64/enum with non-negative values). */
  int(field: number, v: number): this {
    this.varint(field * 8);
    this.varint(v);
    return this;
  }

  /** A length-delimited field holding raw bytes. */
  bytes(field: number, b: Uint8Array): this {
    this.varint(field * 8 + 2);
    this.varint(b.length);
    this.push(b);
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  /** A nested message field. */
  message(field: number, m: ProtoWriter): this {
    return this.bytes(field, m.finish());
  }

  /** A packed repeated float field. */
  floats(field: number, values: Float32Array): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
    return this.bytes(field, b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
