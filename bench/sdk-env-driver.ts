/**
 * Driver of bench/python.bench.ts, the TypeScript side: the same loop as python_env_driver.py with the
 * SDK in agents/client: `n` ipd matches at once against `tft` (200 turns), each replaced when it ends;
 * counts the turns answered during the measuring window.
 *   node --import tsx bench/sdk-env-driver.ts URL TOKEN N WARMUP_S MEASURE_S → {"steps","seconds"}
 */
import { ArenaClient } from '../agents/client/index.ts';

const [url, token, nArg, warmArg, measureArg] = process.argv.slice(2) as [string, string, string, string, string];
const n = Number(nArg);
let counting = false;
let steps = 0;
let running = true;
const client = new ArenaClient({
  url,
  token,
  policy: () => {
    if (counting) steps++;
    return 'C';
  },
});
await client.connect();
const lanes = Array.from({ length: n }, async () => {
  while (running) await client.challenge('tft', 'ipd', { turns: 200 });
});
await new Promise((r) => setTimeout(r, Number(warmArg) * 1000));
counting = true;
const t0 = performance.now();
await new Promise((r) => setTimeout(r, Number(measureArg) * 1000));
counting = false;
const seconds = (performance.now() - t0) / 1000;
running = false;
process.stdout.write(JSON.stringify({ steps, seconds }) + '\n');
void lanes;
process.exit(0);
