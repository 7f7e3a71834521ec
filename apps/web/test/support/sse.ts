// Reading server-sent events in tests (the live status stream).
import type { SubmissionStatusView } from '~/server/routes/submissions';

/** Reads server-sent events off a response body, one at a time. */
export function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    /** The next event (name and parsed data), or null when the stream ended. */
    async next(): Promise<{ event: string; data: SubmissionStatusView } | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (event === undefined) continue; // a keep-alive comment
          return { event, data: JSON.parse(data) as SubmissionStatusView };
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}
