// Writes schema/pipeline.schema.json, the JSON Schema editors (the YAML language server) use to complete and
// check pipeline files, from the rules the loader applies (build/src/definition/definitionRules.js): run after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pipelineJsonSchema } from '../build/src/definition/toJsonSchema.js';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/pipeline.schema.json', JSON.stringify(pipelineJsonSchema(), null, 2) + '\n');
