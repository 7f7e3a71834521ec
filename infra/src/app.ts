import { App } from 'aws-cdk-lib';
import { readInfraConfig } from './config';
import { CriticStack } from './critic-stack';

/** Builds the CDK app from context (`-c key=value`, cdk.json) and the environment; no AWS lookups. */
export function buildApp(
  app: App = new App(),
  env: Record<string, string | undefined> = process.env,
): {
  app: App;
  stack: CriticStack;
} {
  // EC2 Auto Scaling no longer offers launch configurations to new accounts: make ASGs use launch templates.
  app.node.setContext('@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig', true);
  const config = readInfraConfig((key) => app.node.tryGetContext(key), env);
  const stack = new CriticStack(app, config.stackName, {
    config,
    env: { account: config.account, region: config.region },
    description: 'Critic: auto-grading and leaderboards for RL courses',
  });
  return { app, stack };
}
