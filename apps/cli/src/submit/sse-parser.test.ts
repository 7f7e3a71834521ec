import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('joins data lines, skips comments, defaults the event name, and survives any chunking (\\r\\n split too)', () => {
    const stream =
      ': hi\r\nevent: status\r\ndata: {"a":\r\ndata: 1}\r\nid: 7\r\n\r\ndata:plain\n\nevent: x\n\n';
    const whole = new SseParser().feed(stream);
    expect(whole).toEqual([
      { event: 'status', data: '{"a":\n1}' },
      { event: 'message', data: 'plain' },
    ]);
    for (let cut = 1; cut < stream.length; cut++) {
      const p = new SseParser();
      expect([...p.feed(stream.slice(0, cut)), ...p.feed(stream.slice(cut))]).toEqual(whole);
    }
  });
});
