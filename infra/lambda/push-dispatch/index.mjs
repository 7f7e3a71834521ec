// SQS → grader push mode (see dispatch.mjs). The shared secret is read once per Lambda container.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { dispatchRecords } from './dispatch.mjs';

const secrets = new SecretsManagerClient({});
let sharedSecret;

export async function handler(event) {
  if (sharedSecret === undefined) {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.SHARED_SECRET_ARN }));
    sharedSecret = out.SecretString;
  }
  return dispatchRecords(event.Records, { graderUrl: process.env.GRADER_URL, token: sharedSecret });
}
