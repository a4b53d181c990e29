/**
 * The connection loop every example bot shares, written with nothing but the `ws` package (no Ludus
 * imports), so that a bot and this file can be copied anywhere as a pair. It speaks the JSON protocol
 * of docs/protocol.md:
 *   auth → welcome → seek → match-start → (turn → action)… → result → seek again or close.
 *
 * Settings: argv[2] or LUDUS_URL (endpoint, default ws://127.0.0.1:2567/bot), argv[3] or
 * LUDUS_MATCHES (matches to play, default 1), LUDUS_TOKEN (the agent token, required),
 * LUDUS_CONFIG (JSON game config to seek, default {}).
 * Exit codes: 0 after the last result, 1 when the connection fails, 2 without a token, when the
 * server refuses it (UNAUTHORIZED), or when it refuses the seek (e.g. UNKNOWN_GAME for a game the
 * agent is not registered for).
 */
import WebSocket from 'ws';

/**
 * A strategy: this seat's observation and the legal actions (when the game lists them; continuous
 * games such as sumo do not) in, one action out, in the game's JSON action form (docs/<game>.md).
 */
export type Choose = (observation: any, legal: any[] | undefined) => unknown;

/** Connect, seek `game` and play `matches` matches with `choose`, then exit. */
export function runBot(game: string, choose: Choose): void {
  const url = process.argv[2] ?? process.env.LUDUS_URL ?? 'ws://127.0.0.1:2567/bot';
  const token = process.env.LUDUS_TOKEN ?? '';
  const matches = Number(process.argv[3] ?? process.env.LUDUS_MATCHES ?? 1);
  const config = JSON.parse(process.env.LUDUS_CONFIG ?? '{}') as Record<string, unknown>;
  if (!token) {
    console.error('set LUDUS_TOKEN to your agent token (register an agent through the API first)');
    process.exit(2);
  }

  const ws = new WebSocket(url);
  const send = (msg: object) => ws.send(JSON.stringify(msg));
  let played = 0;
  let lastTurn: any = null;
  let inMatch = false;

  ws.on('open', () => send({ type: 'auth', token }));
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    switch (m.type) {
      case 'welcome':
        console.log(`connected as ${m.agent.name}; seeking ${game}`);
        send({ type: 'seek', game, config });
        break;
      case 'match-start':
        inMatch = true;
        console.log(`match ${m.matchId}: seat ${m.seat} of ${m.seats.map((s: any) => s.label).join(' vs ')}`);
        break;
      case 'turn':
        lastTurn = m;
        send({ type: 'action', matchId: m.matchId, step: m.step, action: choose(m.observation, m.legal) });
        break;
      case 'error':
        console.error(`server says ${m.code}: ${m.message}`);
        if (m.code === 'UNAUTHORIZED') process.exit(2);
        // A refused seek (a game the agent is not registered for, a bad config): nothing will come; stop.
        if (!inMatch && m.matchId === undefined) process.exit(2);
        // A rejected action does not end the match: answer the same turn again with a surely legal action.
        if (
          (m.code === 'ILLEGAL_ACTION' || m.code === 'SCHEMA') &&
          lastTurn &&
          m.step === lastTurn.step &&
          lastTurn.legal?.length
        ) {
          send({ type: 'action', matchId: lastTurn.matchId, step: lastTurn.step, action: lastTurn.legal[0] });
        }
        break;
      case 'result':
        inMatch = false;
        console.log(
          `result ${m.matchId}: ${m.outcome}, returns ${m.result.returns.join(' / ')}, final hash ${m.finalHash}`,
        );
        if (++played >= matches) ws.close();
        else send({ type: 'seek', game, config });
        break;
    }
  });
  ws.on('close', () => process.exit(0));
  ws.on('error', (e) => {
    console.error(`connection failed: ${e.message}`);
    process.exit(1);
  });
}
