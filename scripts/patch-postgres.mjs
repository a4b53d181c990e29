#!/usr/bin/env node
// postinstall: guard postgres.js 3.4.x against a known crash on a database restart, until upstream
// releases the fix (porsager/postgres#1154, #1208; fix PR #1168, unreleased in 3.4.9).
// A small write is deferred with setImmediate; when the connection closes first, the deferred write
// runs on a null socket and throws from the immediate: an uncaught TypeError that kills the whole
// server (test/server/durability.test.ts caught it while restarting PostgreSQL under live play). The
// teardown paths also clear that immediate without forgetting it, so a reconnected socket could never
// flush again. Hand-written rather than patch-package: two string replacements, idempotent, and a
// loud note when the pattern is gone (then check whether upstream fixed it and drop this script).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '/* ludus: null-socket guard */';
let patched = 0;
for (const flavour of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, 'node_modules/postgres', flavour, 'connection.js');
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  const write = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
  const clear = '    clearImmediate(nextWriteTimer)\n';
  if (!text.includes(write) || text.split(clear).length !== 3) {
    process.stderr.write(
      `patch-postgres: ${flavour}/connection.js changed upstream; guard not applied (check porsager/postgres#1168)\n`,
    );
    continue;
  }
  text = text.replace(
    write,
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) { nextWriteTimer !== null && clearImmediate(nextWriteTimer); chunk = nextWriteTimer = null; return false }\n    const x = socket.write(chunk, fn)`,
  );
  text = text.split(clear).join('    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n');
  writeFileSync(file, text);
  patched++;
}
if (patched)
  process.stderr.write(`patch-postgres: guarded ${patched} copies of postgres.js against writes on a closed socket\n`);
