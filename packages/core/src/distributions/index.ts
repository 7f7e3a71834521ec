export * from './categorical';
export * from './diag-gaussian';
export type * from './types';
