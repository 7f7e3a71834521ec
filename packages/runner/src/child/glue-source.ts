/** File name of the glue inside the isolate; frames from it are cut from student stack traces. */
export const GLUE_FILENAME = 'critic-sandbox.js';

/**
 * Source of the glue that runs first in every fresh isolate context, before the student's code.
 * It captures the intrinsics it needs (so later tampering by the student cannot reach it), installs a
 * bounded `console`, and returns the entry points the child calls. Everything it hands back is plain
 * data; the child validates all of it again. It measures no time: the host times each call by the
 * isolate's CPU clock, so a busy machine never makes honest code slow.
 */
export const GLUE_SOURCE = String.raw`(function (consoleLimit) {
  'use strict';
  const G = globalThis;
  const ArrayCtor = Array, isArray = Array.isArray, F64 = Float64Array;
  const Str = String, ObjectKeys = Object.keys, getProto = Object.getPrototypeOf, ObjProto = Object.prototype;
  const ErrorProto = Error.prototype, isView = ArrayBuffer.isView, stringify = JSON.stringify;
  const apply = Reflect.apply, defineProperty = Object.defineProperty, freeze = Object.freeze;
  const has = Object.prototype.hasOwnProperty;

  // Nothing an agent needs, and each a way around the limits: WebAssembly memory is not counted by the
  // isolate's heap limit, and SharedArrayBuffer/Atomics.wait can block the thread.
  for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics']) delete G[name];

  let logText = '', logBytes = 0, logTruncated = false;
  function formatValue(v, depth) {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v == null) return Str(v);
    if (typeof v === 'function') return '[Function]';
    if (typeof v === 'symbol') return 'Symbol()';
    if (depth > 2) return '[…]';
    if (isArray(v) || isView(v)) {
      const n = v.length, parts = [];
      for (let i = 0; i < n && i < 32; i++) parts[parts.length] = formatValue(v[i], depth + 1);
      return '[' + parts.join(', ') + (n > 32 ? ', … ' + (n - 32) + ' more' : '') + ']';
    }
    if (getProto(v) === ErrorProto || v instanceof Error) return Str(v.stack || v.message);
    try { return stringify(v); } catch (e) { return '[object]'; }
  }
  function append(level, args) {
    if (logTruncated) return;
    const parts = [];
    for (let i = 0; i < args.length && i < 16; i++) {
      let s;
      try { s = formatValue(args[i], 0); } catch (e) { s = '[unprintable]'; }
      parts[parts.length] = s;
    }
    const line = (level === 'log' ? '' : level + ': ') + parts.join(' ') + '\n';
    if (logBytes + line.length > consoleLimit) {
      logText += line.slice(0, Math.max(0, consoleLimit - logBytes)) + '\n[console output truncated at ' + consoleLimit + ' bytes]\n';
      logTruncated = true;
      return;
    }
    logText += line;
    logBytes += line.length;
  }
  const con = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    con[level] = function () { append(level, arguments); };
  }
  defineProperty(G, 'console', { value: freeze(con), writable: true, configurable: true });
  function drainLog() { const t = logText; logText = ''; return t; }

  function describeError(e) {
    try {
      if (e !== null && typeof e === 'object' && (getProto(e) === ErrorProto || e instanceof Error)) {
        const name = Str(e.name), message = Str(e.message);
        const stack = typeof e.stack === 'string' ? e.stack : name + ': ' + message;
        return { name: name.slice(0, 200), message: message.slice(0, 2000), stack: stack.slice(0, 8000) };
      }
      let shown;
      if (typeof e === 'string') shown = stringify(e.slice(0, 200));
      else if (e === null || typeof e !== 'object') shown = Str(e);
      else shown = 'an object';
      return { name: 'NonError', message: 'threw a non-Error value: ' + shown, stack: '' };
    } catch (inner) {
      return { name: 'NonError', message: 'threw a value that could not be described', stack: '' };
    }
  }

  let factory = null;
  const instances = [];
  // Runs the module's top level once more: instance i (the host calls it once per instance, timing each).
  function install(i) {
    if (factory === null) { factory = G.__criticFactory; delete G.__criticFactory; }
    let mod;
    try { mod = factory(); } catch (e) { return { status: 'error', phase: 'load', error: describeError(e), log: drainLog() }; }
    instances[i] = mod;
    return undefined;
  }

  function fail(phase, index, e) { return { status: 'error', phase, index, error: describeError(e), log: drainLog() }; }
  function bad(index, message) { return { status: 'invalid', index, message, log: drainLog() }; }

  // One step of a batch: beginBatch copies the observations in, actRow(i) runs act() of instance i on
  // row i (the host times each call by the isolate's CPU clock), endBatch hands the actions back.
  let batchObs = null, batchOut = null, batchObsSize = 0, batchWidth = 1;
  function beginBatch(obs, n, obsSize, width) {
    batchObs = obs; batchOut = new F64(n * width); batchObsSize = obsSize; batchWidth = width;
    return undefined;
  }
  function actRow(i) {
    const obsSize = batchObsSize, width = batchWidth, out = batchOut;
    const o = new ArrayCtor(obsSize);
    for (let j = 0; j < obsSize; j++) o[j] = batchObs[i * obsSize + j];
    const mod = instances[i];
    let r;
    try { r = mod.act(o); } catch (e) { return fail('act', i, e); }
    try {
      if (typeof r === 'number') {
        if (width !== 1) return bad(i, 'act returned a number, expected an array of ' + width + ' numbers');
        out[i] = r;
      } else if (isArray(r) || isView(r)) {
        const len = r.length;
        if (len !== width) return bad(i, 'act returned an array of length ' + Str(len) + ', expected ' + (width === 1 ? 'a number (or an array of 1)' : width + ' numbers'));
        for (let j = 0; j < width; j++) {
          const x = r[j];
          if (typeof x !== 'number') return bad(i, 'act returned an array whose element ' + j + ' is ' + typeof x + ', expected a number');
          out[i * width + j] = x;
        }
      } else {
        return bad(i, 'act returned ' + (r === null ? 'null' : typeof r) + ', expected ' + (width === 1 ? 'a number' : 'an array of ' + width + ' numbers'));
      }
    } catch (e) { return fail('act', i, e); }
    return undefined;
  }
  function endBatch() {
    const out = batchOut;
    batchObs = null; batchOut = null;
    return { status: 'ok', actions: out, log: drainLog() };
  }

  function reset(i) {
    const mod = instances[i];
    let fn;
    try { fn = mod.reset; if (typeof fn === 'function') apply(fn, mod, []); } catch (e) { return fail('reset', i, e); }
    return undefined;
  }

  // Copies a check's return value into plain data, bounded in size and depth.
  function toPlain(v, budget, depth) {
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'string') { budget.n -= v.length; if (budget.n < 0) throw 'size'; return v; }
    if (typeof v === 'bigint') return Number(v);
    if (typeof v !== 'object') throw 'a ' + typeof v;
    if (depth > 8) throw 'nested too deeply (more than 8 levels)';
    if (isArray(v) || isView(v)) {
      const len = v.length;
      budget.n -= len;
      if (budget.n < 0) throw 'size';
      const a = [];
      for (let i = 0; i < len; i++) a[i] = toPlain(v[i], budget, depth + 1);
      return a;
    }
    const keys = ObjectKeys(v);
    budget.n -= keys.length;
    if (budget.n < 0) throw 'size';
    const o = {};
    for (const k of keys) defineProperty(o, k, { value: toPlain(v[k], budget, depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  }

  // Calls one exported function of the single module instance; returns plain data.
  function call(name, args, maxValues) {
    const mod = instances[0];
    let fn;
    try { fn = has.call(mod, name) || name in mod ? mod[name] : undefined; } catch (e) { return fail(name, 0, e); }
    if (typeof fn !== 'function') return bad(0, 'export ' + name + ' is ' + typeof fn + ', expected a function');
    let r;
    try { r = apply(fn, undefined, args); } catch (e) { return fail(name, 0, e); }
    let value;
    try { value = toPlain(r, { n: maxValues }, 0); }
    catch (e) {
      if (e === 'size') return bad(0, name + ' returned more than ' + maxValues + ' values');
      if (typeof e === 'string') return bad(0, name + ' returned ' + e + ', expected numbers, arrays or plain objects');
      return fail(name, 0, e);
    }
    return { status: 'ok', value, log: drainLog() };
  }

  return { install, beginBatch, actRow, endBatch, reset, call, drainLog };
})`;
