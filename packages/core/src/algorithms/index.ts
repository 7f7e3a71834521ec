export * from './base';
export * from './config';
export * from './on-policy';
export * from './ppo';
export * from './reward-scaler';
export * from './rollout';
