// The JSON Schema of `.github/sas-guard.yml`, generated from the zod schema so that it cannot disagree with it.
// Published as schema/sas-guard.schema.json (written by scripts/write-config-schema.mjs, checked by a test) for
// editors: `# yaml-language-server: $schema=…`. Draft-07 because that is what YAML editors support best;
// "input" mode because a user may leave out every key that has a default.
import { z } from "zod";
import { configSchema } from "./schema.js";

export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(configSchema, { target: "draft-7", io: "input" });
  return { $schema, title: "SAS Guard configuration", ...rest };
}

/** The exact text of schema/sas-guard.schema.json. */
export const configJsonSchemaText = (): string => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
