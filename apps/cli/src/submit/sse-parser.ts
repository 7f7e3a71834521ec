import { createParser, type EventSourceParser } from 'eventsource-parser';

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` field (default `message`). */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

/**
 * An incremental text/event-stream parser (WHATWG HTML §9.2, by `eventsource-parser`): feed it text
 * as it arrives; the events it completed come back. Comments (`:`) and unknown fields are skipped.
 */
export class SseParser {
  private completed: SseEvent[] = [];
  private readonly parser: EventSourceParser = createParser({
    onEvent: (m) => {
      this.completed.push({ event: m.event ?? 'message', data: m.data });
    },
  });

  /** Parses `text`; returns the events it completed. */
  feed(text: string): SseEvent[] {
    this.parser.feed(text);
    const out = this.completed;
    this.completed = [];
    return out;
  }
}
