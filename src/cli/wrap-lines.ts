// Wraps text for a terminal at word boundaries, so the terminal never breaks a line mid-word. A wrapped line
// continues under its own indentation plus two spaces. A single word longer than the width (a redacted URL, a
// fingerprint) stays whole on its own line. ANSI colour codes take no columns.
// eslint-disable-next-line no-control-regex -- SGR escape sequences are what is measured around
const SGR = /\x1b\[[0-9;]*m/g;

const visible = (s: string): number => s.replace(SGR, "").length;

function wrapLine(line: string, width: number): string[] {
  if (visible(line) <= width) return [line];
  const indent = /^ */.exec(line)![0];
  const hang = `${indent}  `;
  const words = line.slice(indent.length).split(/ +/);
  const out: string[] = [];
  let current = indent;
  let currentWidth = indent.length;
  let empty = true;
  for (const word of words) {
    const w = visible(word);
    if (!empty && currentWidth + 1 + w > width) {
      out.push(current);
      current = hang + word;
      currentWidth = hang.length + w;
      continue;
    }
    current += empty ? word : ` ${word}`;
    currentWidth += empty ? w : 1 + w;
    empty = false;
  }
  out.push(current);
  return out;
}

/** `text` with every line longer than `width` columns wrapped; unchanged when width is unknown or tiny. */
export function wrapForTerminal(text: string, width: number | undefined): string {
  if (width === undefined || width < 20) return text;
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, width))
    .join("\n");
}

/** The width to wrap output for `stream`: its columns when it is a terminal, otherwise none (pipes, files). */
export const terminalWidth = (stream: NodeJS.WriteStream): number | undefined => (stream.isTTY === true && stream.columns > 0 ? stream.columns : undefined);
