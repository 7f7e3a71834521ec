// SQS → grader push mode. Each message body is {"jobId": "<id>"}; the handler POSTs it to the grader's
// HTTP endpoint (POST /jobs/:id) with the shared secret as a bearer token. A non-2xx answer fails that
// message only (partial batch response), so SQS retries it and, after maxReceiveCount, dead-letters it.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});
let sharedSecret;

async function secret() {
  if (sharedSecret === undefined) {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.SHARED_SECRET_ARN }));
    sharedSecret = out.SecretString;
  }
  return sharedSecret;
}

export async function handler(event) {
  const failures = [];
  for (const record of event.Records) {
    try {
      const { jobId } = JSON.parse(record.body);
      if (typeof jobId !== 'string' && typeof jobId !== 'number') {
        throw new Error(
          `message ${record.messageId}: expected {"jobId": string | number}, found ${record.body}`,
        );
      }
      const url = `${process.env.GRADER_URL}/jobs/${encodeURIComponent(String(jobId))}`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${await secret()}` },
      });
      if (!res.ok) throw new Error(`grader answered ${res.status} for job ${jobId}: ${await res.text()}`);
    } catch (error) {
      console.error(JSON.stringify({ messageId: record.messageId, error: String(error) }));
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
