// Whether the text report is coloured. An explicit --color / --no-color wins; then FORCE_COLOR (as Node reads it:
// "0" or "false" turns colour off, any other value on) over NO_COLOR (https://no-color.org: present and not empty
// turns it off); otherwise colour only when the report goes to a terminal.
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, toTerminal: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return toTerminal;
}
