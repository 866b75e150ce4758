// The raw secret travels inside findings, but it must never leave as text by accident: every way a value
// becomes a string (template literals, JSON.stringify, console.log / util.inspect, pino) yields the redacted form.
// The one explicit way out is reveal(), used only where the value is needed (hashing, verification).
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class Secret {
  readonly #value: string;
  readonly redacted: string;

  constructor(value: string, redacted: string) {
    this.#value = value;
    this.redacted = redacted;
  }

  /** The raw secret. Never log, print or send what this returns. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return this.redacted;
  }

  toJSON(): string {
    return this.redacted;
  }

  [inspectSymbol](): string {
    return `Secret(${this.redacted})`;
  }
}
