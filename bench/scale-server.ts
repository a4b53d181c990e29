/**
 * Child process of bench/scale.bench.ts: one arena process (live play only: startLive on a bare HTTP
 * server) in multi-process mode on the machine's Redis, over a store that every such process answers
 * alike without a database: agents `b0…b<n-1>` (tokens `tok_b<i>`, ids `a_b<i>`) and the built-in
 * `tft`, ratings 1500, finished matches taken and let go. Prints `{"port":…}` once it listens.
 * argv: <redis prefix | "local"> <agents>
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentRecord, FinishedMatch, LiveStore } from '../server/contracts.ts';
import { startLive } from '../server/live/index.ts';

const [prefix = 'local', count = '100'] = process.argv.slice(2);
const agents = new Map<string, AgentRecord>();
const agent = (name: string, kind: AgentRecord['kind']): AgentRecord => ({
  id: `a_${name}`,
  name,
  owner: 'bench',
  games: ['ipd'],
  description: '',
  kind,
  createdAt: '2026-01-01T00:00:00.000Z',
  revoked: false,
  ...(kind === 'builtin' ? { ref: name } : {}),
});
for (let i = 0; i < Number(count); i++) agents.set(`b${i}`, agent(`b${i}`, 'remote'));
agents.set('tft', agent('tft', 'builtin'));

const store: LiveStore = {
  async authenticate(token) {
    return token.startsWith('tok_') ? (agents.get(token.slice(4)) ?? null) : null;
  },
  async getAgent(id) {
    return agents.get(id.slice(2)) ?? null;
  },
  async getAgentByName(name) {
    return agents.get(name) ?? null;
  },
  async rating() {
    return 1500;
  },
  async commitMatch(_m: FinishedMatch) {},
};

const http = createServer((_q, s) => s.end());
await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
const port = (http.address() as AddressInfo).port;
await startLive({
  server: http,
  store,
  rateLimit: { burst: 1000, perSecond: 1000 },
  timing: { reconnectMs: 300 },
  connectionLimits: { perIp: 100_000, perAgent: 100 },
  ...(prefix !== 'local'
    ? {
        cluster: {
          redisUrl: process.env.LUDUS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
          prefix,
          publicAddress: `127.0.0.1:${port}`,
        },
      }
    : {}),
});
process.stdout.write(JSON.stringify({ port }) + '\n');
// The bench asks for this process's CPU time (µs, user + system) around a measured run.
process.on('message', (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send!({ cpu: u.user + u.system });
  }
});
