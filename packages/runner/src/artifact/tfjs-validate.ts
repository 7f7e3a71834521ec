import { z } from 'zod';
import type { ArtifactLimits } from '../limits';
import type { TfjsModelParts } from '../protocol';
import type { PolicySpec } from '../spec';
import { InvalidArtifactError } from '../verdict';

const MODEL_FILE = 'model.json';

const BYTES_PER_ELEMENT: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

const weightSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32', 'bool']),
  quantization: z
    .object({ dtype: z.enum(['uint8', 'uint16', 'float16']) })
    .passthrough()
    .optional(),
});

const modelJsonSchema = z.object({
  format: z.string().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(
    z.object({ paths: z.array(z.string().min(1)).min(1), weights: z.array(weightSchema) }),
  ),
});

type WeightEntry = z.infer<typeof weightSchema>;

function parseModelJson(bytes: Uint8Array | undefined, maxBytes: number): z.infer<typeof modelJsonSchema> {
  if (!bytes) {
    throw new InvalidArtifactError('a tfjs-layers artifact needs a model.json at its top level', {
      file: MODEL_FILE,
      expected: 'model.json',
      found: 'no such file',
    });
  }
  if (bytes.length > maxBytes) {
    throw new InvalidArtifactError(`model.json is ${bytes.length} bytes; the limit is ${maxBytes}`, {
      file: MODEL_FILE,
      expected: `≤ ${maxBytes} bytes`,
      found: `${bytes.length} bytes`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new InvalidArtifactError(`model.json is not valid JSON: ${(e as Error).message}`, {
      file: MODEL_FILE,
    });
  }
  const parsed = modelJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.') || '(root)';
    throw new InvalidArtifactError(`model.json: field "${path}": ${issue.message}`, {
      file: MODEL_FILE,
      found: path,
    });
  }
  if (parsed.data.format !== undefined && parsed.data.format !== 'layers-model') {
    throw new InvalidArtifactError(`model.json: format "${parsed.data.format}" is not a LayersModel`, {
      file: MODEL_FILE,
      expected: 'layers-model',
      found: parsed.data.format,
    });
  }
  return parsed.data;
}

function weightBytes(w: WeightEntry): number {
  const per = BYTES_PER_ELEMENT[w.quantization?.dtype ?? w.dtype]!;
  // Doubles are exact up to 2^53, far beyond any size limit, so the product cannot silently wrap.
  return w.shape.reduce((a, d) => a * d, 1) * per;
}

function describeWeight(w: WeightEntry): string {
  return `[${w.shape.join(', ')}] ${w.quantization ? `${w.dtype} quantized to ${w.quantization.dtype}` : w.dtype}`;
}

/** The declared input width of the first layer, when the topology states it (Sequential or functional). */
function declaredInputWidth(topology: Record<string, unknown>): number | undefined {
  const config = (topology.model_config as { config?: unknown } | undefined)?.config ?? topology.config;
  const layers = (config as { layers?: unknown } | undefined)?.layers;
  if (!Array.isArray(layers)) return undefined;
  for (const layer of layers) {
    const c = (layer as { config?: Record<string, unknown> })?.config;
    const shape = c?.batch_input_shape ?? c?.batchInputShape ?? c?.batch_shape;
    if (Array.isArray(shape) && shape.length >= 2) {
      const last = shape[shape.length - 1];
      return typeof last === 'number' ? last : undefined;
    }
  }
  return undefined;
}

/**
 * Validates a tfjs LayersModel (model.json + shards) without building it: JSON schema, declared weight
 * sizes (refused above the limit before any shard is touched), shard bytes per manifest group, and
 * the input width against the env. Returns the parts the child loads with `tf.io.fromMemory`.
 */
export function validateTfjsLayers(
  files: Record<string, Uint8Array>,
  spec: PolicySpec,
  limits: Pick<ArtifactLimits, 'maxModelBytes' | 'maxJsonBytes'>,
): TfjsModelParts {
  const json = parseModelJson(files[MODEL_FILE], limits.maxJsonBytes);
  const weightSpecs: TfjsModelParts['weightSpecs'] = [];
  let declaredTotal = 0;
  for (const group of json.weightsManifest) {
    for (const w of group.weights) {
      const bytes = weightBytes(w);
      declaredTotal += bytes;
      if (declaredTotal > limits.maxModelBytes) {
        throw new InvalidArtifactError(
          `model.json declares ${declaredTotal} bytes of weights (up to "${w.name}" ${describeWeight(w)}); the limit is ${limits.maxModelBytes}`,
          {
            file: MODEL_FILE,
            tensor: w.name,
            expected: `≤ ${limits.maxModelBytes} bytes`,
            found: `${declaredTotal} bytes`,
          },
        );
      }
    }
  }
  const input = declaredInputWidth(json.modelTopology);
  if (input !== undefined && input !== spec.observationSize) {
    throw new InvalidArtifactError(
      `model.json: the model's input has ${input} features; the env's observation has ${spec.observationSize}`,
      {
        file: MODEL_FILE,
        tensor: 'input',
        expected: `[batch, ${spec.observationSize}]`,
        found: `[batch, ${input}]`,
      },
    );
  }
  const weightData = new Uint8Array(declaredTotal);
  let offset = 0;
  json.weightsManifest.forEach((group, g) => {
    const shards = group.paths.map((p) => {
      const name = p.replace(/^\.\//, '');
      const data = files[name];
      if (!data) {
        throw new InvalidArtifactError(
          `model.json references weight file "${p}", which is not in the upload`,
          {
            file: name,
            expected: 'a weight shard',
            found: 'no such file',
          },
        );
      }
      return { name, data };
    });
    const available = shards.reduce((a, s) => a + s.data.length, 0);
    const declared = group.weights.reduce((a, w) => a + weightBytes(w), 0);
    if (available !== declared) {
      // Name the first tensor that the shards cut short (or the surplus).
      let end = 0;
      const cut = group.weights.find((w) => {
        end += weightBytes(w);
        return end > available;
      });
      const where = cut ? `; tensor "${cut.name}" ${describeWeight(cut)} is cut short` : '';
      throw new InvalidArtifactError(
        `weight group ${g} (${shards.map((s) => s.name).join(', ')}) holds ${available} bytes but model.json declares ${declared}${where}`,
        {
          file: shards[shards.length - 1]!.name,
          tensor: cut?.name,
          expected: `${declared} bytes`,
          found: `${available} bytes`,
        },
      );
    }
    for (const s of shards) {
      weightData.set(s.data, offset);
      offset += s.data.length;
    }
    for (const w of group.weights) {
      const entry: TfjsModelParts['weightSpecs'][number] = { name: w.name, shape: w.shape, dtype: w.dtype };
      if (w.quantization) Object.assign(entry, { quantization: w.quantization });
      weightSpecs.push(entry);
    }
  });
  return { modelTopology: json.modelTopology, weightSpecs, weightData };
}
