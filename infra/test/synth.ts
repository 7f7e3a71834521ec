import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../src/app';
import type { CriticStack } from '../src/critic-stack';

/** A synthesized stack and its template. */
export interface Synthesized {
  app: App;
  stack: CriticStack;
  template: Template;
}

export const CERTIFICATE_ARN =
  'arn:aws:acm:us-east-1:123456789012:certificate/0b8e2a4c-1111-2222-3333-444455556666';

/** Synthesizes the app offline with `context` (as `-c key=value` would give it). */
export function synth(context: Record<string, string>): Synthesized {
  const app = new App({ context });
  const { stack } = buildApp(app, {});
  return { app, stack, template: Template.fromStack(stack) };
}

/** Resolves a token (e.g. a secret ARN) to the CloudFormation expression it stands for. */
export function resolved(stack: CriticStack, value: unknown): unknown {
  return stack.resolve(value);
}

/** All `Action`s of a policy statement as a list. */
export function actionsOf(statement: { Action: string | string[] }): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}
