export * from './backend';
export * from './distributions';
export * from './returns';
export * from './losses';
export * from './logger';
export * from './policies';
export * from './algorithms';
