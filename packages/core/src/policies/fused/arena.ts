import { KERNELS_WASM_BASE64 } from './kernels-wasm';

/** The exports of kernels.wat (pointers are byte offsets, strides in float64 elements). */
export interface FusedKernels {
  gemm(
    c: number,
    a: number,
    b: number,
    M: number,
    N: number,
    K: number,
    sam: number,
    sak: number,
    ldb: number,
    ldc: number,
    acc: number,
  ): void;
  tanh(p: number, count: number): void;
  tanhGrad(d: number, h: number, count: number): void;
  reluGrad(d: number, h: number, count: number): void;
}

/** A float64 array inside an arena's memory: `ptr` for the kernels, `view` for JS. */
export interface F64Block {
  readonly ptr: number;
  readonly view: Float64Array;
}

/** The part of the WebAssembly JS API used here (the package's lib settings carry no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let compiled: object | undefined;

function kernelModule(): object {
  compiled ??= new wasm.Module(Uint8Array.from(atob(KERNELS_WASM_BASE64), (ch) => ch.charCodeAt(0)));
  return compiled;
}

/**
 * One wasm memory sized up front, carved into float64 blocks, and the kernels that run on it.
 * The memory never grows (growing would detach every view), so a user declares every block first.
 */
export class F64Arena {
  readonly kernels: FusedKernels;
  private readonly memory: { buffer: ArrayBuffer };
  private used = 0;

  /** `elements`: the total float64 count of every block the arena will hand out. */
  constructor(elements: number) {
    // each block is 16-byte aligned: reserve one spare element per block on top (at most 64 blocks)
    const bytes = (elements + 64) * 8;
    this.memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65_536)) });
    const instance = new wasm.Instance(kernelModule(), { env: { memory: this.memory } });
    this.kernels = instance.exports as unknown as FusedKernels;
  }

  allocate(count: number): F64Block {
    const ptr = this.used;
    const view = new Float64Array(this.memory.buffer, ptr, count);
    this.used = ptr + Math.ceil(count / 2) * 16;
    if (this.used > this.memory.buffer.byteLength) throw new RangeError('F64Arena: out of space');
    return { ptr, view };
  }
}
