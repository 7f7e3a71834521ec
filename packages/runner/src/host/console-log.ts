/** The student's console output collected across requests, capped (the glue caps it too). */
export class ConsoleLog {
  private text = '';
  private truncated = false;

  constructor(private readonly maxBytes: number) {}

  append(chunk: string): void {
    if (!chunk || this.truncated) return;
    if (this.text.length + chunk.length > this.maxBytes) {
      this.text += `${chunk.slice(0, Math.max(0, this.maxBytes - this.text.length))}\n[console output truncated at ${this.maxBytes} bytes]\n`;
      this.truncated = true;
      return;
    }
    this.text += chunk;
  }

  toString(): string {
    return this.text;
  }
}
