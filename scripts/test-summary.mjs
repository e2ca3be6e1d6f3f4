// Adds up the vitest JSON reports every package wrote and prints `tests: N passed, M failed`.
// Exits 1 when a test failed, or when no report exists at all (a run that tested nothing).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.test-results';
// The exit status of the whole run (`pnpm test`: typecheck and lint too): a red run is never reported as all passed.
const runStatus = Number(process.argv[3] ?? 0);
let passed = 0;
let failed = 0;
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
if (files.length === 0) failed += 1;
if (runStatus !== 0 && failed === 0) {
  console.log('A check outside the test files failed (typecheck, lint, codegen or build): see the log above.');
  failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
