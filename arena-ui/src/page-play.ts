/**
 * Play an agent.
 *
 * `#/play`: choose a game, an opponent (any agent registered for it), your seat and your name, and
 * optionally a config; "Start match" asks the API for a person-vs-agent match (`POST /api/play`).
 *
 * `#/play/<id>`: join its Colyseus room as the human seat and play it:
 *   - the header states the clock that applies to you (match-start.timing is your seat's clock) and
 *     how many people watch;
 *   - each turn gets the family's controls (controls-*.ts, sumo-keys.ts) and a clock that moves
 *     continuously, turns orange in the bank and red with a warning when time runs low (clock.ts);
 *   - a sent action disables the controls until the next turn; if the server refuses it, the
 *     controls come back with its message inline and the clock keeps running: never a dead screen;
 *   - Resign (with a confirmation), and a warning before leaving the page while the match runs;
 *   - at the end: the outcome and its reason in words (outcome.ts), the returns, the final position
 *     from the stored replay, "Rematch" (same opponent and settings, seats swapped) and links.
 */
import { getGame, listGames } from '../../games/index.ts';
import type { MatchStartMessage, ResultMessage, TurnMessage } from '../../server/live/protocol.ts';
import { api } from './api.ts';
import { clockSummary, clockWidget, seconds } from './clock.ts';
import { genericControls, type TurnContext, type TurnControls } from './controls.ts';
import { dilemmaControls } from './controls-dilemma.ts';
import { publicGoodsControls } from './controls-public-goods.ts';
import { trustAndSplitControls } from './controls-trust-and-split.ts';
import { vgcControls } from './controls-vgc.ts';
import { confirmDialog } from './dialog.ts';
import { errorBox, h, link, replace, score } from './dom.ts';
import { setLeaveGuard } from './leave-guard.ts';
import type { Cleanup, Route } from './main.ts';
import { outcomeWords, startSentence } from './outcome.ts';
import { joinMatch, keepSeatToken, type RoomLink } from './room.ts';
import { sumoControls, type SumoControls } from './sumo-keys.ts';
import { createView, renderText, textPanel, type Frame } from './view.ts';

const NAME_KEY = 'ludus.name';

/** The name this browser plays under (kept across visits), or undefined for "guest". */
function savedName(): string | undefined {
  try {
    return localStorage.getItem(NAME_KEY)?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** What each game is about, for someone who has never played it (the form's help line). */
const HOW_TO: Record<string, string> = {
  dilemmas:
    'Each turn you and the agent choose at the same time; the payoff table decides the points. Use the two buttons (or the keys C and D).',
  'public-goods':
    'Each round you decide how much of your endowment goes into a shared pot that is multiplied and split among everyone. Use the slider or the quick buttons.',
  vgc: 'A doubles battle: pick 4 of your 6 creatures, then each turn choose a move (and a target) or a switch for each of your two creatures on the field, by clicking.',
  'trust-and-split':
    'Each round you and the agent split 10 coins. Rock-paper-scissors makes a coin worth 10 to one of you and 1 to the other; you see only your own hand. Write one message each in the box, then both claim coins at once (too much in total is scaled down).',
  sumo: 'Push the other robot out of the ring. Hold the arrow keys (or W A S D, or the on-screen pad); a 3-2-1 countdown starts the bout.',
};

export async function playStartPage(root: HTMLElement, route: Route): Promise<void> {
  const game = route.query.get('game') ?? 'ipd';
  const g = getGame(game);
  const agents = (await api.agents(game)).filter((a) => !a.revoked && (a.games.length === 0 || a.games.includes(game)));
  const seats = g.numSeats(g.configSchema.parse({}));
  const gameSel = h(
    'select',
    {
      name: 'game',
      id: 'play-game',
      onchange: () => (location.hash = `#/play?game=${encodeURIComponent(gameSel.value)}`),
    },
    listGames().map((x) => h('option', { value: x.id, selected: x.id === game }, x.title)),
  );
  const wanted = route.query.get('opponent');
  const opponent = h(
    'select',
    { name: 'opponent', id: 'play-opponent' },
    agents.map((a) => h('option', { value: a.name, selected: a.name === wanted }, `${a.name} (${a.kind})`)),
  );
  const seat = h(
    'select',
    { name: 'seat', id: 'play-seat' },
    Array.from({ length: seats }, (_, s) =>
      h('option', { value: String(s) }, s === 0 ? 'seat 0 (first)' : `seat ${s}`),
    ),
  );
  const name = h('input', {
    type: 'text',
    name: 'name',
    id: 'play-name',
    maxlength: 32,
    placeholder: 'guest',
    value: savedName() ?? '',
    autocomplete: 'nickname',
  });
  const config = h('input', {
    type: 'text',
    name: 'config',
    id: 'play-config',
    placeholder: '{"turns": 10}',
    size: 32,
  });
  const status = h('div', { role: 'status' });
  const start = async () => {
    status.replaceChildren('Starting…');
    try {
      const cfg = config.value.trim() ? JSON.parse(config.value) : undefined;
      const who = name.value.trim();
      try {
        if (who) localStorage.setItem(NAME_KEY, who);
        else localStorage.removeItem(NAME_KEY);
      } catch {
        /* private mode: the name is just not remembered */
      }
      const r = await api.play({
        game,
        opponent: opponent.value,
        seat: Number(seat.value),
        ...(who ? { name: who } : {}),
        ...(cfg ? { config: cfg } : {}),
      });
      keepSeatToken(r.matchId, r.seatToken);
      location.hash = `#/play/${encodeURIComponent(r.matchId)}`;
    } catch (e) {
      replace(status, errorBox(e));
    }
  };
  replace(
    root,
    h('h1', null, 'Play an agent'),
    h('p', { class: 'lead' }, HOW_TO[g.family] ?? g.description),
    h(
      'form',
      { class: 'form play-form', onsubmit: (e: Event) => (e.preventDefault(), void start()) },
      h('label', { for: 'play-game' }, 'Game'),
      gameSel,
      h('label', { for: 'play-opponent' }, 'Opponent'),
      opponent,
      seats > 1 ? [h('label', { for: 'play-seat' }, 'Your seat'), seat] : null,
      h('label', { for: 'play-name' }, 'Your name (shown to spectators)'),
      name,
      h(
        'details',
        { class: 'advanced' },
        h('summary', null, 'Settings (optional)'),
        h('label', { for: 'play-config' }, 'Config as JSON, e.g. fewer turns'),
        config,
        h('p', { class: 'muted small' }, g.description),
      ),
      h('button', { class: 'primary start', type: 'submit', disabled: agents.length === 0 }, 'Start match'),
    ),
    agents.length === 0 ? h('p', { class: 'muted' }, 'No agent plays this game yet.') : null,
    status,
  );
}

/** Milliseconds between sumo decisions, so a person plays in real time (0.05 s of physics each by default). */
function decisionPeriodMs(config: any): number {
  const p = config?.physics;
  return p ? Math.round(1000 * (p.dt ?? 1 / 60) * (p.frameSkip ?? 3)) : 50;
}

function controlsFor(family: string): (ctx: TurnContext) => TurnControls {
  switch (family) {
    case 'dilemmas':
      return dilemmaControls;
    case 'public-goods':
      return publicGoodsControls;
    case 'vgc':
      return vgcControls;
    case 'trust-and-split':
      return trustAndSplitControls;
    default:
      return genericControls;
  }
}

export async function playPage(root: HTMLElement, route: Route): Promise<Cleanup> {
  const matchId = route.parts[1]!;
  const status = h('p', { class: 'status', role: 'status' }, 'Joining…');
  replace(root, h('h1', null, 'Playing'), status);
  let room: RoomLink;
  try {
    room = await joinMatch(matchId, 'human');
  } catch (e) {
    replace(
      root,
      h('h1', null, `Match ${matchId}`),
      h(
        'p',
        null,
        'This seat cannot be taken here: the match may be over, or it was started in another browser tab. ',
        link(`#/matches/${encodeURIComponent(matchId)}`, 'Open its replay'),
        ' or ',
        link('#/play', 'start a new match'),
        '.',
      ),
      errorBox(e),
    );
    return;
  }
  const title = h('h1', null, 'Playing');
  const who = h('p', { class: 'who' });
  const watching = h('span', { class: 'spectators', 'aria-live': 'polite' });
  const clockLine = h('p', { class: 'clock-line muted small' });
  const clock = clockWidget();
  const controlsBox = h('div', { class: 'controls-box' });
  const resultBox = h('div', { class: 'result-box', role: 'status' });
  const countdown = h('div', { class: 'countdown', 'aria-live': 'assertive', hidden: true });
  const drawing = h('div', { class: 'drawing' }, countdown);
  const text = textPanel();
  const log = h('div', { class: 'play-log small', role: 'log', 'aria-label': 'match log' });
  const resign = h('button', { class: 'danger resign', disabled: true }, 'Resign');
  replace(
    root,
    title,
    who,
    clockLine,
    status,
    clock.el,
    controlsBox,
    resultBox,
    h(
      'div',
      { class: 'match-body' },
      drawing,
      h('details', { class: 'text-view' }, h('summary', null, 'Text view (what bots read)'), text.el),
    ),
    h('div', { class: 'match-actions' }, resign),
    log,
  );

  let start: MatchStartMessage | undefined;
  let labels: string[] = [];
  let view: ReturnType<typeof createView> = null;
  const frames: Frame[] = [];
  let turn: TurnMessage | undefined;
  /** The step whose action was sent and not yet answered by a new turn, a refusal or the result. */
  let sentStep: number | null = null;
  let controls: TurnControls | undefined;
  let sumo: SumoControls | undefined;
  let over = false;
  let disposed = false;
  const note = (line: string, cls = '') => log.prepend(h('div', { class: cls }, line));
  const opponentName = () => labels.filter((_, i) => i !== start?.seat).join(', ') || 'the opponent';

  const send = (action: unknown) => {
    if (!turn || over || sentStep !== null) return;
    sentStep = turn.step;
    room.send('action', { step: turn.step, action });
    if (sumo) return; // sumo answers every 50 ms: no log line, no waiting state
    controls?.setBusy(true);
    controls?.showError('');
    clock.stop(`Move sent. Waiting for ${opponentName()}…`);
    status.textContent = `Step ${turn.step}: move sent.`;
    note(
      `turn ${turn.step + 1}: you played ${safeText(() => getGame(start!.game).actionText(action), JSON.stringify(action))}`,
    );
  };

  const leaveGuard = () =>
    confirmDialog({
      title: 'Leave this match?',
      body: `The match goes on without you: your clock keeps running and default moves are played for you, and after ${seconds(start?.timing.reconnectMs ?? 60_000)} away you lose. Resign instead if you want to end it now.`,
      ok: 'Leave',
      cancel: 'Stay',
    });

  resign.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Resign?',
      body: 'The match ends now and counts as a loss for you.',
      ok: 'Resign',
      cancel: 'Keep playing',
      danger: true,
    });
    if (ok && !over) room.resign();
  });

  room.on('match-start', (m) => {
    start = m;
    const g = getGame(m.game);
    labels = m.seats.map((s, i) => (i === m.seat ? 'you' : s.label));
    title.textContent = g.title;
    replace(
      who,
      m.seats.map((s, i) => [
        i ? ' vs ' : '',
        i === m.seat
          ? h('b', null, `you (${s.label})`)
          : h('span', null, s.label, s.kind !== 'human' ? h('span', { class: `kind kind-${s.kind}` }, s.kind) : null),
      ]),
      m.seats.length > 2 ? ` · you are seat ${m.seat}` : '',
      ' · ',
      watching,
    );
    if (!watching.textContent) watching.textContent = '0 watching';
    clockLine.textContent =
      m.game === 'sumo'
        ? `The bout lasts at most ${(m.config as any).maxSteps} decisions (${seconds(((m.config as any).maxSteps ?? 0) * decisionPeriodMs(m.config))}); your robot is steered live.`
        : `Your clock: ${clockSummary(m.timing)}. When it runs out, a default move is played for you.`;
    if (!view) {
      view = createView(m.game, labels);
      if (view) drawing.append(view.el);
    }
    if (m.game === 'sumo' && !sumo) {
      sumo = sumoControls(
        decisionPeriodMs(m.config),
        (a) => send(a),
        (t) => {
          countdown.hidden = t === null;
          countdown.textContent = t ?? '';
          if (t && t !== 'Go!') status.textContent = `The bout starts in ${t}…`;
          if (t === 'Go!') status.textContent = 'Go!';
        },
      );
      controlsBox.replaceChildren(sumo.el);
    }
    resign.disabled = false;
    setLeaveGuard(leaveGuard);
    if (!turn) status.textContent = `Waiting for ${opponentName()}…`;
  });

  room.on('spectators', (s) => {
    watching.textContent = `${s.count} watching`;
  });

  room.on('turn', (t) => {
    if (!start || over) return;
    turn = t;
    sentStep = null;
    frames.push({ step: t.step, observation: t.observation, events: [] });
    if (frames.length > 600) frames.splice(0, frames.length - 600);
    view?.show(frames);
    text.set(renderText(start.game, t.observation));
    if (sumo) {
      const o = t.observation as any;
      const period = decisionPeriodMs(start.config);
      const left = (o.maxSteps - o.step) * period;
      clock.set(1 - o.step / o.maxSteps, `Bout: ${seconds(left)} left · step ${o.step} of ${o.maxSteps}`, left <= 3000);
      sumo.turn();
      return;
    }
    status.textContent = `Step ${t.step}: your move.${t.reward !== undefined && t.reward !== 0 ? ` Last reward ${score(t.reward)}.` : ''}`;
    controls?.dispose();
    const g = getGame(start.game);
    controls = controlsFor(g.family)({
      game: g,
      config: start.config,
      seat: t.seat,
      turn: t as TurnContext['turn'],
      labels,
      submit: send,
    });
    controlsBox.replaceChildren(controls.el);
    clock.start(t, start.timing);
  });

  room.on('timeout', (t) => {
    note(
      `turn ${t.step + 1}: out of time. The default move ${start ? safeText(() => getGame(start!.game).actionText(t.action), '') : ''} was played for you.`,
      'warn',
    );
  });

  room.on('error', (e) => {
    // A refusal of the action just sent: the turn is still open. Bring the controls back with the reason.
    const answersSent =
      !over && !!turn && sentStep !== null && sentStep === turn.step && (e.step === undefined || e.step === sentStep);
    if (answersSent && turn) {
      sentStep = null;
      if (sumo) {
        note(`${e.code}: ${e.message}`, 'error');
        return;
      }
      controls?.setBusy(false);
      controls?.showError(`Not accepted: ${e.message}`);
      clock.resume();
      status.textContent = `Step ${turn.step}: that move was not accepted. Choose again; your clock is still running.`;
      return;
    }
    note(`${e.code}: ${e.message}`, 'error');
  });

  room.on('result', (r) => {
    if (over) return;
    over = true;
    turn = undefined;
    setLeaveGuard(null);
    sumo?.stop();
    controls?.dispose();
    controlsBox.replaceChildren();
    clock.el.hidden = true;
    clock.dispose();
    resign.disabled = true;
    resign.hidden = true;
    showResult(r);
    void showFinal();
  });

  const showResult = (r: ResultMessage) => {
    const me = r.seat ?? start?.seat ?? 0;
    const words = outcomeWords(r, me, labels);
    status.textContent = 'Match over.';
    const seats = start?.seats ?? [];
    const n = seats.length || r.result.returns.length;
    const opponent = seats.find((s) => s.seat !== me && s.agentId)?.agentId;
    const rematchSeat = (me + 1) % n;
    const rematch = h(
      'button',
      { class: 'primary rematch', disabled: !opponent || !start },
      n === 2 ? `Rematch (you play seat ${rematchSeat})` : `Rematch (as seat ${rematchSeat})`,
    );
    const rematchStatus = h('span', { role: 'status' });
    rematch.addEventListener('click', async () => {
      rematch.disabled = true;
      try {
        const name = savedName();
        const p = await api.play({
          game: start!.game,
          opponent: opponent!,
          config: start!.config,
          seat: rematchSeat,
          ...(name ? { name } : {}),
        });
        keepSeatToken(p.matchId, p.seatToken);
        location.hash = `#/play/${encodeURIComponent(p.matchId)}`;
      } catch (e) {
        rematch.disabled = false;
        replace(rematchStatus, errorBox(e));
      }
    });
    replace(
      resultBox,
      h('h2', { class: `result tone-${words.tone}` }, words.headline),
      words.reason
        ? h(
            'p',
            { class: 'reason' },
            startSentence(
              words.reason,
              labels.filter((_, i) => i !== me),
            ) + '.',
          )
        : null,
      h(
        'p',
        { class: 'returns' },
        'Points: ',
        r.result.returns.map((x, i) => [i ? ' · ' : '', `${labels[i] ?? `seat ${i}`} ${score(x)}`]),
        ` · ${r.steps} steps`,
      ),
      h(
        'div',
        { class: 'row' },
        rematch,
        h('a', { class: 'button', href: `#/play?game=${encodeURIComponent(start?.game ?? 'ipd')}` }, 'New match'),
        h('a', { class: 'button', href: `#/matches/${encodeURIComponent(matchId)}` }, 'Open the replay'),
      ),
      rematchStatus,
    );
    resultBox.querySelector<HTMLElement>('h2')?.focus?.();
  };

  // The final position is never sent to a seat: show it from the stored replay (stored before the result is sent).
  const showFinal = async () => {
    for (let i = 0; i < 20 && !disposed; i++) {
      try {
        const v = await api.views(matchId);
        const last = v.frames[v.frames.length - 1]!;
        frames.push({ step: last.step, observation: last.observation, events: last.events as any[] });
        view?.show(frames);
        text.set(renderText(v.game, last.observation));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };

  return () => {
    disposed = true;
    clock.dispose();
    controls?.dispose();
    sumo?.stop();
    room.leave();
  };
}

function safeText(f: () => string, fallback: string): string {
  try {
    return f();
  } catch {
    return fallback;
  }
}
