import { type ProtoField, readFields } from './protobuf';

/** One dimension of an ONNX tensor shape: a fixed size, a named (symbolic) size, or unknown. */
export type OnnxDim = number | string | null;

/** A graph input or output: name, element type (ONNX TensorProto.DataType; 1 = float32) and shape. */
export interface OnnxValueInfo {
  name: string;
  elemType: number | null;
  /** null when the file states no shape. */
  shape: OnnxDim[] | null;
}

/** What the grader needs to know of an ONNX model before running it. */
export interface OnnxSignature {
  irVersion: number | null;
  opsets: { domain: string; version: number }[];
  /** Graph inputs that are not initializers (the real inputs). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Operator types used by the graph's nodes. */
  ops: string[];
}

const utf8 = new TextDecoder();

function sub(fields: ProtoField[], field: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const f of fields) if (f.field === field && f.wire === 2) out.push(f.bytes);
  return out;
}

function str(fields: ProtoField[], field: number): string | null {
  const b = sub(fields, field)[0];
  return b ? utf8.decode(b) : null;
}

function num(fields: ProtoField[], field: number): number | null {
  for (const f of fields) if (f.field === field && f.wire === 0) return f.value;
  return null;
}

// ValueInfoProto { name = 1; type = 2 }, TypeProto { tensor_type = 1 }, Tensor { elem_type = 1; shape = 2 },
// TensorShapeProto { dim = 1 }, Dimension { dim_value = 1; dim_param = 2 }.
function readValueInfo(b: Uint8Array): OnnxValueInfo {
  const f = readFields(b);
  const name = str(f, 1) ?? '';
  const type = sub(f, 2)[0];
  const tensor = type ? sub(readFields(type), 1)[0] : undefined;
  if (!tensor) return { name, elemType: null, shape: null };
  const tf = readFields(tensor);
  const shapeBytes = sub(tf, 2)[0];
  const shape = shapeBytes
    ? sub(readFields(shapeBytes), 1).map((d): OnnxDim => {
        const df = readFields(d);
        const v = num(df, 1);
        if (v !== null) return Number.isSafeInteger(v) ? v : null;
        return str(df, 2);
      })
    : null;
  return { name, elemType: num(tf, 1), shape };
}

/**
 * Reads the signature of an ONNX ModelProto (ir_version = 1, graph = 7, opset_import = 8; GraphProto
 * node = 1, initializer = 5, input = 11, output = 12). Throws ProtobufError on malformed bytes.
 */
export function readOnnxSignature(bytes: Uint8Array): OnnxSignature {
  const model = readFields(bytes);
  const graphBytes = sub(model, 7)[0];
  if (!graphBytes) throw new Error('the file has no graph (ModelProto.graph is missing)');
  const graph = readFields(graphBytes);
  const initializers = new Set(sub(graph, 5).map((t) => str(readFields(t), 8) ?? ''));
  const ops = new Set<string>();
  for (const n of sub(graph, 1)) ops.add(str(readFields(n), 4) ?? '');
  return {
    irVersion: num(model, 1),
    opsets: sub(model, 8).map((o) => {
      const f = readFields(o);
      return { domain: str(f, 1) ?? '', version: num(f, 2) ?? 0 };
    }),
    inputs: sub(graph, 11)
      .map(readValueInfo)
      .filter((v) => !initializers.has(v.name)),
    outputs: sub(graph, 12).map(readValueInfo),
    ops: [...ops],
  };
}
