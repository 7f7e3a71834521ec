export * from './cases';
export * from './catalogue';
export * from './compare';
export type { CheckSpec, EdgeCase, MistakeSpec } from './define-check';
export { DEFAULT_TOLERANCE, defineCheck } from './define-check';
export * from './diagnose';
export * from './grade';
export * from './homeworks';
export type * from './types';
