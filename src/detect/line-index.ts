// Maps string offsets to 1-based line/column. Built lazily: most files have no candidate at all,
// so they never pay for the newline scan.
export class LineIndex {
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
    return (this.#starts = starts);
  }

  /** How many lines the text has (a final line break starts an empty last line). */
  get lineCount(): number {
    return this.#lineStarts().length;
  }

  /** 0-based index of the line holding `offset`. */
  lineOf(offset: number): number {
    const starts = this.#lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.#lineStarts()[line];
  }

  lineEnd(line: number): number {
    const starts = this.#lineStarts();
    const next = line + 1 < starts.length ? starts[line + 1] - 1 : this.text.length;
    return next > starts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next; // drop \r
  }

  /** The text of line `line` (0-based), without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /**
   * The part of line `line` within `radius` characters of `offset` (the whole line when it is short). Context
   * checks use this, so a hit on a 50 MB minified line never reads the whole line (linear time).
   */
  lineWindow(line: number, offset: number, radius = 512): string {
    const start = Math.max(this.lineStart(line), offset - radius);
    const end = Math.min(this.lineEnd(line), offset + radius);
    return this.text.slice(start, Math.max(start, end));
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.lineStart(line) + 1 };
  }
}
