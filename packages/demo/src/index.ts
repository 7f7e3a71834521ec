// `@critic/demo`: the demo course `npm start` seeds through the REST API.
export * from './api-session';
export * from './demo-course';
export * from './seed-demo';
