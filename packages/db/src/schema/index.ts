export * from './access';
export * from './assignments';
export * from './enums';
export * from './jobs';
export * from './lti';
export * from './people';
export * from './projects';
export * from './submissions';
