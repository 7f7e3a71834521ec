export * from './discounted';
export * from './errors';
export * from './gae';
export * from './normalize';
export * from './nstep';
export * from './td';
export type * from './types';
