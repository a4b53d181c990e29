/**
 * Bots that play match after match over /bot until told to stop (or until the server goes away),
 * keeping a ledger of what they were told: every match-start and every result. Durability tests use
 * the ledger as the list of announced results that must all be in the store afterwards.
 */
import { WebSocket } from 'ws';

export interface Ledger {
  /** matchId → the result message the bot received. */
  results: Map<string, any>;
  /** Match ids whose match-start the bot received. */
  started: Set<string>;
  /** matchId → the highest `step` of a turn the bot received (that many steps had been played). */
  steps: Map<string, number>;
  errors: string[];
}

export interface Players {
  ledger: Ledger;
  /** Stop starting new matches; resolves when every bot has closed. */
  stop(): Promise<void>;
}

/**
 * `tokens.length` bots, each challenging `opponent` to `game` again and again, answering every turn
 * with `action` after `thinkMs`. A refused challenge (e.g. the store is down) is tried again later.
 */
export function startPlayers(
  botUrl: string,
  tokens: string[],
  opts: { opponent: string; game: string; config: unknown; action: unknown; thinkMs: number },
): Players {
  const ledger: Ledger = { results: new Map(), started: new Set(), steps: new Map(), errors: [] };
  let stopping = false;
  const done = tokens.map(
    (token) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(botUrl);
        const challenge = () => {
          if (!stopping && ws.readyState === WebSocket.OPEN)
            ws.send(
              JSON.stringify({ type: 'challenge', opponent: opts.opponent, game: opts.game, config: opts.config }),
            );
          else if (stopping) ws.close();
        };
        ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
        ws.on('message', (data) => {
          const m = JSON.parse(data.toString());
          if (m.type === 'welcome') challenge();
          else if (m.type === 'match-start') ledger.started.add(m.matchId);
          else if (m.type === 'turn') {
            ledger.steps.set(m.matchId, Math.max(m.step, ledger.steps.get(m.matchId) ?? 0));
            setTimeout(
              () =>
                ws.readyState === WebSocket.OPEN &&
                ws.send(JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: opts.action })),
              opts.thinkMs,
            );
          } else if (m.type === 'result') {
            ledger.results.set(m.matchId, m);
            challenge();
          } else if (m.type === 'error') {
            ledger.errors.push(`${m.code}: ${m.message}`);
            if (m.matchId === undefined) setTimeout(challenge, 200);
          }
        });
        ws.on('error', () => {});
        ws.on('close', () => resolve());
      }),
  );
  return {
    ledger,
    async stop() {
      stopping = true;
      await Promise.all(done);
    },
  };
}
