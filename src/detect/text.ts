// Explanations as data, not Markdown: a Text is plain strings and code spans ({ code }) that each renderer
// formats its own way (Markdown code span, terminal highlight, plain backticks in JSON). The engine's phrase
// helpers still build sentences with template literals, so `code(value)` returns a *marked* string that
// `toText` turns into parts. The markers are Unicode noncharacters (U+FDD0/U+FDD1), which never occur in real
// text; `code()` and `withoutMarkers()` replace any in an input value, so a path or account name carrying a
// marker cannot open or close a code span.
export type TextPart = string | { readonly code: string };
export type Text = readonly TextPart[];

const OPEN = "\uFDD0";
const CLOSE = "\uFDD1";
const MARKERS = /[\uFDD0-\uFDEF]/g;

/** An input value with every marker character replaced: it can only ever be text. */
export const withoutMarkers = (value: string): string => value.replace(MARKERS, "\uFFFD");

/** A value shown as code (account, container, rule name…); "" for a missing value, as the phrases expect. */
export const code = (value: string | undefined): string => (value ? `${OPEN}${withoutMarkers(value)}${CLOSE}` : "");

/** Parts of a marked string; stray markers are dropped. */
export function toText(marked: string): Text {
  const parts: TextPart[] = [];
  const push = (s: string): void => {
    if (s === "") return;
    const last = parts[parts.length - 1];
    if (typeof last === "string") parts[parts.length - 1] = last + s;
    else parts.push(s);
  };
  let rest = marked;
  for (;;) {
    const open = rest.indexOf(OPEN);
    const close = open === -1 ? -1 : rest.indexOf(CLOSE, open + 1);
    if (open === -1 || close === -1) break;
    push(rest.slice(0, open).replace(MARKERS, ""));
    const value = rest.slice(open + 1, close).replace(MARKERS, "");
    if (value) parts.push({ code: value });
    rest = rest.slice(close + 1);
  }
  push(rest.replace(MARKERS, ""));
  return parts;
}

/** Plain text for JSON, SARIF `text` and annotations: code spans quoted with backticks, as the JSON contract always had. */
export const plainText = (text: Text): string => text.map((p) => (typeof p === "string" ? p : `\`${p.code}\``)).join("");

/** A plain string (a message from outside the engine's phrases) as a Text: never parsed for code spans. */
export const literal = (s: string): Text => (s ? [s] : []);
