/**
 * Example Ludus bot that enters a tournament and plays it through, with nothing but the `ws` package
 * (no Ludus imports). It speaks the tournament messages of docs/protocol.md § Tournaments:
 *   auth → tournament-invitation → tournament-join → tournament-joined
 *   → (tournament-round → tournament-pairing → match-start → turn/action… → result)… → tournament-standings (finished).
 * It never seeks: a pairing brings its match-start by itself.
 * Run: LUDUS_TOKEN=<agent token> npx tsx agents/examples/tournament-bot.ts [ws://127.0.0.1:2567/bot] [tournament id]
 * Without a tournament id it joins the first open tournament it is invited to. Strategy (prisoner's
 * dilemma and its relatives): tit for tat; other games: the first legal action.
 */
import WebSocket from 'ws';

const url = process.argv[2] ?? process.env.LUDUS_URL ?? 'ws://127.0.0.1:2567/bot';
const token = process.env.LUDUS_TOKEN ?? '';
const wanted = process.argv[3] ?? process.env.LUDUS_TOURNAMENT;
if (!token) {
  console.error('set LUDUS_TOKEN to your agent token (register an agent through the API first)');
  process.exit(2);
}

const ws = new WebSocket(url);
const send = (msg: object) => ws.send(JSON.stringify(msg));
let joined: string | undefined;

function choose(obs: any, legal: any[] | undefined): unknown {
  const last = obs?.oppMoves?.[obs.oppMoves.length - 1];
  if (last !== undefined && legal?.includes(last)) return last;
  return legal?.includes('C') ? 'C' : legal?.[0];
}

ws.on('open', () => send({ type: 'auth', token }));
ws.on('message', (data) => {
  const m = JSON.parse(data.toString());
  switch (m.type) {
    case 'welcome':
      console.log(`connected as ${m.agent.name}; waiting for an invitation`);
      break;
    case 'tournament-invitation':
      console.log(`invited to ${m.tournamentId} "${m.name}" (${m.game}, ${m.rules.format.kind}, starts ${m.startsAt})`);
      if (joined) break;
      if (wanted ? m.tournamentId === wanted : m.open || m.entered) {
        joined = m.tournamentId;
        if (m.entered) console.log(`already entered in ${m.tournamentId}`);
        else send({ type: 'tournament-join', tournamentId: m.tournamentId });
      }
      break;
    case 'tournament-joined':
      console.log(`joined ${m.tournamentId}: ${m.entrants} entrants`);
      break;
    case 'tournament-round':
      console.log(
        `round ${m.round}${m.totalRounds ? ` of ${m.totalRounds}` : ''}: ${m.pairings.map((p: any) => (p.bye ? 'bye' : `vs ${p.opponent}`)).join(', ') || 'resting'}`,
      );
      break;
    case 'tournament-pairing':
      console.log(`pairing ${m.pairing} game ${m.game}: seat ${m.seat}, match ${m.matchId}`);
      break;
    case 'match-start':
      console.log(`match ${m.matchId} started`);
      break;
    case 'turn':
      send({ type: 'action', matchId: m.matchId, step: m.step, action: choose(m.observation, m.legal) });
      break;
    case 'result':
      console.log(`result ${m.matchId}: returns ${m.result.returns.join(' / ')}`);
      break;
    case 'tournament-standings':
      if (m.tournamentId !== joined) break;
      if (m.status === 'finished') {
        console.log('final standings:');
        for (const r of m.standings) console.log(`  ${r.rank}. ${r.name} ${r.points}`);
        ws.close();
      }
      break;
    case 'error':
      console.error(`server says ${m.code}: ${m.message}`);
      if (m.code === 'UNAUTHORIZED' || m.code === 'TOURNAMENT_CLOSED' || m.code === 'UNKNOWN_TOURNAMENT')
        process.exit(2);
      break;
  }
});
ws.on('close', () => process.exit(0));
