/** File name of the env glue inside the isolate. */
export const ENV_GLUE_FILENAME = 'critic-env-sandbox.js';

/**
 * Source of the glue that runs first in the isolate of a custom environment, before the env module.
 * It captures the intrinsics it needs, silences `console`, creates one module instance and one env
 * (`createEnv()`) per slot, and copies everything an env method returns into plain data (typed
 * arrays stay typed arrays, functions and class instances never leave the isolate), so the child
 * can run the checker and the episodes over it. Every result is validated again outside.
 */
export const ENV_GLUE_SOURCE = String.raw`(function () {
  'use strict';
  const G = globalThis;
  const isArray = Array.isArray, isView = ArrayBuffer.isView, F32 = Float32Array, F64 = Float64Array;
  const Str = String, ObjectKeys = Object.keys, getProto = Object.getPrototypeOf;
  const ErrorProto = Error.prototype, apply = Reflect.apply, defineProperty = Object.defineProperty;
  const freeze = Object.freeze, now = Date.now;
  for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics']) delete G[name];
  const con = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) con[level] = function () {};
  defineProperty(G, 'console', { value: freeze(con), writable: true, configurable: true });

  function describeError(e) {
    try {
      if (e !== null && typeof e === 'object' && (getProto(e) === ErrorProto || e instanceof Error)) {
        return { name: Str(e.name).slice(0, 200), message: Str(e.message).slice(0, 2000) };
      }
      const shown = typeof e === 'string' ? JSON.stringify(e.slice(0, 200)) : (e === null || typeof e !== 'object') ? Str(e) : 'an object';
      return { name: 'NonError', message: 'threw a non-Error value: ' + shown };
    } catch (inner) {
      return { name: 'NonError', message: 'threw a value that could not be described' };
    }
  }

  // Deep copy into plain data, bounded in size and depth.
  function toPlain(v, budget, depth) {
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'string') { budget.n -= v.length; if (budget.n < 0) throw 'size'; return v; }
    if (typeof v === 'bigint') return Number(v);
    if (typeof v !== 'object') return '[' + typeof v + ']';
    if (depth > 8) throw 'nested too deeply (more than 8 levels)';
    if (v instanceof F32 || v instanceof F64) {
      budget.n -= v.length; if (budget.n < 0) throw 'size';
      return v instanceof F32 ? new F32(v) : new F64(v);
    }
    if (isArray(v) || isView(v)) {
      const len = v.length;
      budget.n -= len; if (budget.n < 0) throw 'size';
      const a = [];
      for (let i = 0; i < len; i++) a[i] = toPlain(v[i], budget, depth + 1);
      return a;
    }
    const keys = ObjectKeys(v);
    budget.n -= keys.length; if (budget.n < 0) throw 'size';
    const o = {};
    for (const k of keys) defineProperty(o, k, { value: toPlain(v[k], budget, depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  }

  // What a method returned, keeping exactly the keys the checker looks at (and whether they exist).
  function resultOf(method, r, budget) {
    if (method === 'render') return toPlain(r, budget, 0);
    if (method === 'close') return undefined;
    if (r === null || typeof r !== 'object') return r;
    if (isArray(r)) return new Array(r.length).fill(null);
    const out = {};
    const keys = method === 'reset' ? ['obs', 'info'] : ['obs', 'reward', 'terminated', 'truncated', 'info'];
    for (const k of keys) {
      if (!(k in r)) continue;
      const x = r[k];
      if (k === 'info') out.info = x !== null && typeof x === 'object' && !isArray(x) && !isView(x) ? {} : toPlain(x, budget, 7);
      else out[k] = toPlain(x, budget, 0);
    }
    return out;
  }

  function specOf(space, budget) {
    if (space === null || typeof space !== 'object') return space;
    if (typeof space.toSpec === 'function') return toPlain(apply(space.toSpec, space, []), budget, 0);
    return toPlain(space, budget, 0);
  }

  let factory = null;
  const envs = [];
  function install(count, maxValues) {
    factory = G.__criticFactory;
    delete G.__criticFactory;
    let first;
    for (let i = 0; i < count; i++) {
      let env;
      try {
        const mod = factory();
        if (typeof mod.createEnv !== 'function') return { status: 'invalid', message: 'the module must export a function createEnv() that returns the env; createEnv is ' + typeof mod.createEnv };
        env = mod.createEnv();
      } catch (e) { return { status: 'error', phase: 'createEnv', error: describeError(e) }; }
      if (env === null || typeof env !== 'object') return { status: 'invalid', message: 'createEnv() must return an env object, found ' + (env === null ? 'null' : typeof env) };
      envs[i] = env;
      if (i === 0) {
        const budget = { n: maxValues };
        const methods = {};
        for (const m of ['reset', 'step', 'render', 'close']) methods[m] = typeof env[m];
        try {
          first = { observationSpace: specOf(env.observationSpace, budget), actionSpace: specOf(env.actionSpace, budget), methods };
        } catch (e) {
          if (typeof e === 'string') return { status: 'invalid', message: 'the env spaces could not be read: ' + (e === 'size' ? 'too large' : e) };
          return { status: 'error', phase: 'toSpec', error: describeError(e) };
        }
      }
    }
    return { status: 'ok', value: first };
  }

  function invoke(index, method, args, maxValues) {
    const env = envs[index];
    let fn;
    try { fn = env[method]; } catch (e) { return { status: 'error', phase: method, error: describeError(e) }; }
    if (typeof fn !== 'function') return { status: 'invalid', message: 'env.' + method + ' is ' + typeof fn + ', expected a method' };
    let r;
    const t0 = now();
    try { r = apply(fn, env, args); } catch (e) { return { status: 'error', phase: method, error: describeError(e) }; }
    const ms = now() - t0;
    try { return { status: 'ok', value: resultOf(method, r, { n: maxValues }), ms }; }
    catch (e) {
      if (e === 'size') return { status: 'invalid', message: method + '() returned more than ' + maxValues + ' values' };
      if (typeof e === 'string') return { status: 'invalid', message: method + '() returned a value ' + e };
      return { status: 'error', phase: method, error: describeError(e) };
    }
  }

  return { install, invoke };
})`;
