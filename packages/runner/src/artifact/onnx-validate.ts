import { type OnnxDim, type OnnxValueInfo, readOnnxSignature } from '../onnx/onnx-model';
import { modelOutputSize, type PolicySpec } from '../spec';
import { InvalidArtifactError } from '../verdict';

/** The name a model is called by in messages when the upload's own name is not known. */
const DEFAULT_FILE = 'model.onnx';
const FLOAT = 1;

function showShape(shape: OnnxDim[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : 'unknown';
}

function checkTensor(
  v: OnnxValueInfo,
  role: 'input' | 'output',
  width: number,
  what: string,
  file: string,
): void {
  const expected = `float32 [batch, ${width}]`;
  if (v.elemType !== FLOAT) {
    throw new InvalidArtifactError(
      `${file}: ${role} "${v.name}" has element type ${v.elemType ?? 'unknown'}; expected float32 (1)`,
      {
        file,
        tensor: v.name,
        expected,
        found: `element type ${v.elemType ?? 'unknown'}`,
      },
    );
  }
  const s = v.shape;
  if (s?.length !== 2 || (typeof s[1] === 'number' && s[1] !== width)) {
    throw new InvalidArtifactError(
      `${file}: ${role} "${v.name}" has shape ${showShape(s)}; expected [batch, ${width}] (${what})`,
      {
        file,
        tensor: v.name,
        expected,
        found: showShape(s),
      },
    );
  }
  if (typeof s[0] === 'number' && s[0] !== -1 && role === 'input') {
    throw new InvalidArtifactError(
      `${file}: input "${v.name}" has a fixed batch size of ${s[0]}; export it with a dynamic batch axis (e.g. torch.onnx.export(..., dynamic_axes={"${v.name}": {0: "batch"}}))`,
      {
        file,
        tensor: v.name,
        expected: '[batch, …] with a symbolic batch dimension',
        found: showShape(s),
      },
    );
  }
}

/**
 * Parses an ONNX file's signature (no execution) and checks it fits the env: one float32 input
 * [batch, observationSize], first output float32 [batch, n logits | action size].
 */
export function validateOnnxPolicy(
  bytes: Uint8Array,
  spec: PolicySpec,
  maxBytes: number,
  /** The uploaded file's name, used in messages (default model.onnx). */
  file: string = DEFAULT_FILE,
): { inputName: string; outputName: string } {
  if (bytes.length > maxBytes) {
    throw new InvalidArtifactError(`${file} is ${bytes.length} bytes; the limit is ${maxBytes}`, {
      file,
      expected: `≤ ${maxBytes} bytes`,
      found: `${bytes.length} bytes`,
    });
  }
  let sig: ReturnType<typeof readOnnxSignature>;
  try {
    sig = readOnnxSignature(bytes);
  } catch (e) {
    throw new InvalidArtifactError(`${file} is not a valid ONNX model: ${(e as Error).message}`, {
      file,
    });
  }
  if (sig.inputs.length !== 1) {
    throw new InvalidArtifactError(
      `${file}: the graph must have exactly one input (the observation); it has ${sig.inputs.length}`,
      {
        file,
        expected: '1 input',
        found: sig.inputs.map((i) => i.name).join(', ') || 'none',
      },
    );
  }
  const output = sig.outputs[0];
  if (!output)
    throw new InvalidArtifactError(`${file}: the graph has no output`, {
      file,
      expected: '1 output',
      found: 'none',
    });
  const input = sig.inputs[0]!;
  checkTensor(input, 'input', spec.observationSize, 'the observation size', file);
  const k = modelOutputSize(spec.action);
  checkTensor(
    output,
    'output',
    k,
    spec.action.type === 'discrete' ? 'one logit per action' : 'one mean per action dimension',
    file,
  );
  return { inputName: input.name, outputName: output.name };
}
