export * from './algorithms';
export * from './backend';
export * from './distributions';
export * from './homework';
export * from './logger';
export * from './losses';
export * from './policies';
export * from './returns';
