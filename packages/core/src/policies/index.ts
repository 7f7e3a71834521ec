export * from './action-space';
export * from './actor-critic';
export * from './export';
export * from './init';
export * from './mlp';
export * from './obs-normalizer';
export * from './q-network';
export * from './snapshot';
