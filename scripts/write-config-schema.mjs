// Regenerates schema/sas-guard.schema.json from the zod schema in src/config/schema.ts.
// Run `npm run config-schema` (it builds first: Node 20 cannot import TypeScript directly).
// test/config/json-schema.test.ts fails when the committed file differs from what this writes.
import { writeFileSync } from "node:fs";
import { configJsonSchemaText } from "../dist/config/json-schema.js";

const target = new URL("../schema/sas-guard.schema.json", import.meta.url);
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target.pathname}`);
