export * from './errors';
export * from './rng';
export * from './spaces';
export * from './types';
export type * from './vector/types';
