import { ProtoWriter } from './protobuf';

/** One dense layer of an MLP: y = act(x · W + b), W stored row-major [inSize, outSize]. */
export interface DenseLayer {
  /** Input width. */
  inSize: number;
  /** Output width. */
  outSize: number;
  /** Row-major weights, inSize × outSize. */
  weight: Float32Array;
  /** Bias, outSize values. */
  bias: Float32Array;
  /** Nonlinearity after the layer. */
  activation: 'relu' | 'tanh' | 'linear';
}

const FLOAT = 1;

function tensor(name: string, dims: number[], data: Float32Array): ProtoWriter {
  // TensorProto { dims = 1; data_type = 2; float_data = 4 (packed); name = 8 }
  const t = new ProtoWriter();
  for (const d of dims) t.int(1, d);
  return t.int(2, FLOAT).floats(4, data).string(8, name);
}

function valueInfo(name: string, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims)
    shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

function node(op: string, inputs: string[], outputs: string[], name: string): ProtoWriter {
  // NodeProto { input = 1; output = 2; name = 3; op_type = 4 }
  const n = new ProtoWriter();
  for (const i of inputs) n.string(1, i);
  for (const o of outputs) n.string(2, o);
  return n.string(3, name).string(4, op);
}

/**
 * Encodes an MLP as an ONNX model (IR 8, opset 13) of MatMul/Add/Relu/Tanh nodes with float32
 * initializers, input `[batch, in]` and output `[batch, out]`. Used to export policies and in tests.
 */
export function encodeOnnxMlp(
  layers: DenseLayer[],
  names: { input?: string; output?: string } = {},
): Uint8Array {
  if (layers.length === 0) throw new RangeError('encodeOnnxMlp: at least one layer is needed');
  const input = names.input ?? 'obs';
  const output = names.output ?? 'logits';
  const graph = new ProtoWriter();
  let current = input;
  layers.forEach((l, i) => {
    if (l.weight.length !== l.inSize * l.outSize || l.bias.length !== l.outSize) {
      throw new RangeError(
        `encodeOnnxMlp: layer ${i} has ${l.weight.length} weights / ${l.bias.length} biases for ${l.inSize}×${l.outSize}`,
      );
    }
    if (i > 0 && l.inSize !== layers[i - 1]!.outSize) {
      throw new RangeError(
        `encodeOnnxMlp: layer ${i} takes ${l.inSize} inputs, layer ${i - 1} gives ${layers[i - 1]!.outSize}`,
      );
    }
    const last = i === layers.length - 1;
    const mm = `l${i}_matmul`;
    const add = last && l.activation === 'linear' ? output : `l${i}_add`;
    graph.message(1, node('MatMul', [current, `l${i}_W`], [mm], `l${i}_MatMul`));
    graph.message(1, node('Add', [mm, `l${i}_b`], [add], `l${i}_Add`));
    current = add;
    if (l.activation !== 'linear') {
      const act = last ? output : `l${i}_act`;
      graph.message(1, node(l.activation === 'relu' ? 'Relu' : 'Tanh', [add], [act], `l${i}_Act`));
      current = act;
    }
    graph.message(5, tensor(`l${i}_W`, [l.inSize, l.outSize], l.weight));
    graph.message(5, tensor(`l${i}_b`, [l.outSize], l.bias));
  });
  graph.string(2, 'critic_mlp');
  graph.message(11, valueInfo(input, ['batch', layers[0]!.inSize]));
  graph.message(12, valueInfo(output, ['batch', layers[layers.length - 1]!.outSize]));
  // ModelProto { ir_version = 1; producer_name = 2; graph = 7; opset_import = 8 }
  return new ProtoWriter()
    .int(1, 8)
    .string(2, 'critic-runner')
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, 13))
    .finish();
}
