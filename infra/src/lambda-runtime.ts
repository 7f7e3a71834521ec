import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Runtime of every Lambda here: Node.js 24 ships the AWS SDK v3 clients the handlers import. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
