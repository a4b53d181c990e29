/**
 * Example Ludus bot for VGC doubles, written with nothing but the `ws` package (no Ludus imports), so it
 * can be copied anywhere. It speaks the JSON protocol of docs/protocol.md:
 *   auth → seek → match-start → (turn → action)… → result.
 * Run: LUDUS_TOKEN=<your agent token> npx tsx agents/examples/vgc-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: a uniformly random legal choice each turn (team preview, moves, switches); the server lists them all.
 */
import WebSocket from 'ws';

const GAME = 'vgc';
const url = process.argv[2] ?? process.env.LUDUS_URL ?? 'ws://127.0.0.1:2567/bot';
const token = process.env.LUDUS_TOKEN ?? '';
const matches = Number(process.argv[3] ?? process.env.LUDUS_MATCHES ?? 1);
const config = JSON.parse(process.env.LUDUS_CONFIG ?? '{}') as Record<string, unknown>;

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  return legal && legal.length ? legal[Math.floor(Math.random() * legal.length)] : null;
}

if (!token) {
  console.error('set LUDUS_TOKEN to your agent token (register an agent through the API first)');
  process.exit(2);
}

const ws = new WebSocket(url);
const send = (msg: object) => ws.send(JSON.stringify(msg));
let played = 0;
let lastTurn: any = null;

ws.on('open', () => send({ type: 'auth', token }));
ws.on('message', (data) => {
  const m = JSON.parse(data.toString());
  switch (m.type) {
    case 'welcome':
      console.log(`connected as ${m.agent.name}; seeking ${GAME}`);
      send({ type: 'seek', game: GAME, config });
      break;
    case 'match-start':
      console.log(`match ${m.matchId}: seat ${m.seat} of ${m.seats.map((s: any) => s.label).join(' vs ')}`);
      break;
    case 'turn':
      lastTurn = m;
      send({ type: 'action', matchId: m.matchId, step: m.step, action: choose(m.observation, m.legal) });
      break;
    case 'error':
      console.error(`server says ${m.code}: ${m.message}`);
      if (m.code === 'UNAUTHORIZED') process.exit(2);
      // A rejected action does not end the match: answer the same turn again with a surely legal action.
      if ((m.code === 'ILLEGAL_ACTION' || m.code === 'SCHEMA') && lastTurn && m.step === lastTurn.step && lastTurn.legal?.length) {
        send({ type: 'action', matchId: lastTurn.matchId, step: lastTurn.step, action: lastTurn.legal[0] });
      }
      break;
    case 'result':
      console.log(`result ${m.matchId}: ${m.outcome}, returns ${m.result.returns.join(' / ')}, final hash ${m.finalHash}`);
      if (++played >= matches) ws.close();
      else send({ type: 'seek', game: GAME, config });
      break;
  }
});
ws.on('close', () => process.exit(0));
ws.on('error', (e) => {
  console.error(`connection failed: ${e.message}`);
  process.exit(1);
});
