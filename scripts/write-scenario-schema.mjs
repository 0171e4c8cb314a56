// Regenerates scenarios/schema.json from the scenario schema (src/scenario/jsonSchema.ts).
// Run after a change to any section's schema:  npm run build && node scripts/write-scenario-schema.mjs
// (test/scenario/jsonSchema.test.ts fails while the committed file differs from the schema).
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../dist/src/scenario/jsonSchema.js';

const target = new URL('../scenarios/schema.json', import.meta.url);
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target.pathname}`);
