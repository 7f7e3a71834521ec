// Pushes SQS job messages to the grader, apart from the AWS clients so it can be tested against a
// real HTTP server. Each message body is {"jobId": "<id>"}; a non-2xx answer or a malformed body fails
// that message only (SQS partial batch response), so SQS retries it and, after maxReceiveCount,
// moves it to the dead-letter queue.

/** POSTs each record's job to `${graderUrl}/jobs/:id` with the bearer token; returns the failed ones. */
export async function dispatchRecords(records, { graderUrl, token, log = console.error }) {
  const failures = [];
  for (const record of records) {
    try {
      let body;
      try {
        body = JSON.parse(record.body);
      } catch {
        throw new Error(`message ${record.messageId}: body is not JSON: ${record.body}`);
      }
      const jobId = body?.jobId;
      if ((typeof jobId !== 'string' || jobId === '') && !Number.isInteger(jobId)) {
        throw new Error(
          `message ${record.messageId}: expected {"jobId": string | integer}, found ${record.body}`,
        );
      }
      const url = `${graderUrl}/jobs/${encodeURIComponent(String(jobId))}`;
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`grader answered ${res.status} for job ${jobId}: ${await res.text()}`);
    } catch (error) {
      log(
        JSON.stringify({
          messageId: record.messageId,
          error: String(error instanceof Error ? error.message : error),
        }),
      );
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
