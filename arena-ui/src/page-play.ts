/**
 * Play an agent. `#/play`: choose a game and an opponent (any agent registered for that game),
 * optionally a config and your seat, and start a human-vs-agent match through the API. `#/play/<id>`:
 * join its Colyseus room as the human seat and play it: the observation as the game's text render
 * and as a drawing, controls built from the legal actions (controls.ts), sumo by keyboard, the
 * turn's deadline and the time bank counting down, then the result and a link to the replay.
 */
import { getGame, listGames } from '../../games/index.ts';
import type { MatchStartMessage, TurnMessage } from '../../server/live/protocol.ts';
import { api } from './api.ts';
import { actionControls } from './controls.ts';
import { errorBox, h, link, replace } from './dom.ts';
import type { Cleanup, Route } from './main.ts';
import { joinMatch, keepSeatToken } from './room.ts';
import { sumoKeyboard } from './sumo-keys.ts';
import { createView, renderText, textPanel, type Frame } from './view.ts';

export async function playStartPage(root: HTMLElement, route: Route): Promise<void> {
  const game = route.query.get('game') ?? 'ipd';
  const agents = (await api.agents(game)).filter((a) => !a.revoked && (a.games.length === 0 || a.games.includes(game)));
  const gameSel = h(
    'select',
    { name: 'game', onchange: () => (location.hash = `#/play?game=${encodeURIComponent(gameSel.value)}`) },
    listGames().map((g) => h('option', { value: g.id, selected: g.id === game }, `${g.id} — ${g.title}`)),
  );
  const opponent = h('select', { name: 'opponent' }, agents.map((a) => h('option', { value: a.name, selected: a.name === route.query.get('opponent') }, `${a.name} (${a.kind})`)));
  const seat = h('select', { name: 'seat' }, h('option', { value: '0' }, 'seat 0'), h('option', { value: '1' }, 'seat 1'));
  const config = h('input', { type: 'text', name: 'config', placeholder: '{"turns": 10}', size: 40 });
  const status = h('div');
  const start = async () => {
    status.replaceChildren('Starting…');
    try {
      const cfg = config.value.trim() ? JSON.parse(config.value) : undefined;
      const r = await api.play({ game, opponent: opponent.value, seat: Number(seat.value), ...(cfg ? { config: cfg } : {}) });
      keepSeatToken(r.matchId, r.seatToken);
      location.hash = `#/play/${encodeURIComponent(r.matchId)}`;
    } catch (e) {
      replace(status, errorBox(e));
    }
  };
  const g = getGame(game);
  replace(
    root,
    h('h1', null, 'Play an agent'),
    h('p', { class: 'muted' }, g.description),
    h(
      'div',
      { class: 'form' },
      h('label', null, 'Game ', gameSel),
      h('label', null, 'Opponent ', opponent),
      getGame(game).numSeats(g.configSchema.parse({})) === 2 ? h('label', null, 'You play ', seat) : null,
      h('label', null, 'Config (JSON, optional) ', config),
      h('button', { class: 'primary start', disabled: agents.length === 0, onclick: () => void start() }, 'Start match'),
    ),
    agents.length === 0 ? h('p', { class: 'muted' }, 'No agent plays this game yet.') : null,
    game === 'sumo' ? h('p', { class: 'muted' }, 'Sumo is played with the arrow keys: ↑/↓ thrust forward/back, ←/→ turn left/right.') : null,
    status,
  );
}

/** Milliseconds to wait between sumo decisions so a person plays in real time (0.05 s of physics each). */
function decisionPeriodMs(config: any): number {
  const p = config?.physics;
  return p ? Math.round(1000 * (p.dt ?? 1 / 60) * (p.frameSkip ?? 3)) : 50;
}

export async function playPage(root: HTMLElement, route: Route): Promise<Cleanup> {
  const matchId = route.parts[1]!;
  const status = h('p', { class: 'status' }, 'Joining…');
  replace(root, h('h1', null, 'Playing'), status);
  let room;
  try {
    room = await joinMatch(matchId, 'human');
  } catch (e) {
    replace(root, h('h1', null, `Match ${matchId}`), h('p', null, 'Cannot take a seat in this match (it may be over or already taken). ', link(`#/matches/${encodeURIComponent(matchId)}`, 'Open its replay.')), errorBox(e));
    return;
  }
  const link_ = room;
  const clock = h('div', { class: 'clock' }, h('div', { class: 'clock-bar' }), h('span', { class: 'clock-text' }));
  const controls = h('div', { class: 'controls-box' });
  const info = h('p');
  const log = h('div', { class: 'play-log small' });
  const text = textPanel();
  const drawing = h('div');
  const resultBox = h('div', { class: 'result-box' });
  replace(root, h('h1', null, `Playing ${matchId}`), info, status, clock, controls, resultBox, h('div', { class: 'match-body' }, drawing, text.el), log);

  let start: MatchStartMessage | undefined;
  let view: ReturnType<typeof createView> = null;
  const frames: Frame[] = [];
  let turn: TurnMessage | undefined;
  let turnAt = 0;
  let over = false;
  let keyboard: ReturnType<typeof sumoKeyboard> | undefined;
  const note = (line: string, cls = '') => log.prepend(h('div', { class: cls }, line));

  const tick = () => {
    const bar = clock.firstElementChild as HTMLElement;
    const label = clock.lastElementChild as HTMLElement;
    if (!turn || over) {
      bar.style.width = '0%';
      label.textContent = over ? '' : 'Waiting for the opponent…';
      return;
    }
    const elapsed = performance.now() - turnAt;
    const left = turn.deadlineMs - elapsed;
    if (left > 0) {
      bar.style.width = `${(100 * left) / Math.max(1, start?.timing.turnMs ?? turn.deadlineMs)}%`;
      bar.className = 'clock-bar';
      label.textContent = `${(left / 1000).toFixed(1)} s to move · bank ${(turn.bankMs / 1000).toFixed(0)} s`;
    } else {
      const bank = Math.max(0, turn.bankMs + left);
      bar.style.width = `${(100 * bank) / Math.max(1, start?.timing.bankMs ?? turn.bankMs)}%`;
      bar.className = 'clock-bar bank';
      label.textContent = `bank draining: ${(bank / 1000).toFixed(1)} s left`;
    }
  };
  const timer = setInterval(tick, 100);

  const send = (action: unknown) => {
    if (!turn) return;
    link_.send('action', { step: turn.step, action });
    const step = turn.step;
    turn = undefined;
    // Sumo answers every 50 ms from the keyboard: no log line, and the key help stays on screen.
    if (!keyboard) {
      note(`step ${step}: you played ${getGame(start!.game).actionText(action)}`);
      controls.replaceChildren(h('span', { class: 'muted' }, 'Sent. Waiting for the next turn…'));
    }
    tick();
  };

  link_.on('match-start', (m) => {
    start = m;
    const labels = m.seats.map((s, i) => (i !== m.seat ? s.label : s.label === 'you' || s.label === 'human' ? 'you' : `you (${s.label})`));
    info.replaceChildren(h('b', null, m.game), ' · ', labels.join(' vs '), ` · you are seat ${m.seat}`, ` · ${m.timing.turnMs / 1000} s a turn + ${m.timing.bankMs / 1000} s bank`);
    if (!view) {
      view = createView(m.game, labels);
      if (view) drawing.replaceChildren(view.el);
    }
    if (m.game === 'sumo' && !keyboard) {
      keyboard = sumoKeyboard(decisionPeriodMs(m.config), (a) => {
        if (turn) send(a);
      });
      controls.replaceChildren(keyboard.el);
    }
    status.textContent = 'Your seat is ready.';
  });

  link_.on('turn', (t) => {
    if (!start) return;
    turn = t;
    turnAt = performance.now();
    frames.push({ step: t.step, observation: t.observation, events: [] });
    if (frames.length > 600) frames.splice(0, frames.length - 600);
    view?.show(frames);
    text.set(renderText(start.game, t.observation));
    status.textContent = `Step ${t.step}: your move.${t.reward !== undefined ? ` Last reward ${t.reward}.` : ''}`;
    const game = getGame(start.game);
    if (keyboard) keyboard.turn();
    else controls.replaceChildren(actionControls(game, start.config, t.seat, t.legal, send));
    tick();
  });

  link_.on('timeout', (t) => {
    note(`step ${t.step}: out of time — the default action ${start ? getGame(start.game).actionText(t.action) : JSON.stringify(t.action)} was played`, 'warn');
  });
  link_.on('error', (e) => {
    note(`${e.code}: ${e.message}`, 'error');
  });
  link_.on('result', (r) => {
    over = true;
    turn = undefined;
    clock.hidden = true;
    keyboard?.stop();
    tick();
    controls.replaceChildren();
    const me = r.seat ?? start?.seat ?? 0;
    const w = r.result.winner;
    const verdict = w === undefined ? `your return: ${r.result.returns[me]}` : w === null ? 'Draw' : w === me ? 'You won!' : 'You lost.';
    status.textContent = 'Match over.';
    resultBox.replaceChildren(
      h('h2', { class: 'result' }, verdict),
      h('p', null, `Returns ${r.result.returns.join(' : ')} · ${r.outcome}${r.result.reason ? ` · ${r.result.reason}` : ''} · ${r.steps} steps. `, link(`#/matches/${encodeURIComponent(matchId)}`, 'Open the replay'), ' · ', link(`#/play?game=${encodeURIComponent(start?.game ?? 'ipd')}`, 'Play again')),
    );
    // The final position is never sent to a seat: show it from the stored replay once committed.
    void showFinal();
  });

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
  let disposed = false;
  return () => {
    disposed = true;
    clearInterval(timer);
    keyboard?.stop();
    link_.leave();
  };
}
