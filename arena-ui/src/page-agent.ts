/**
 * An agent: who it is, its games, and its rating history per game drawn as a line chart (Elo after
 * each rated match), with the latest matches below. A checkpoint agent also shows where it came
 * from: its training metadata, its lineage and its scores during training (training.ts). "Why this
 * rank" draws its payoff against the game's top opponents as a heat map (heatmap.ts). "Attacks on this
 * agent" lists the evaluations whose victim it is, with their curves and "exploited by" (attacks.ts).
 */
import { api, type CheckpointSummary, type RatingPoint } from './api.ts';
import { payoffHeatmap } from './heatmap.ts';
import { lineChart } from './chart.ts';
import { ago, errorBox, fmt, h, link, replace } from './dom.ts';
import type { Route } from './main.ts';
import { matchTable } from './page-matches.ts';
import { trainingSection } from './training.ts';
import { attacksSection } from './attacks.ts';

/** The checkpoints of the agent's game (a checkpoint has one game), or all of them if that misses it. */
async function checkpointsOf(agent: { id: string; ref?: string; games: string[] }): Promise<CheckpointSummary[]> {
  const mine = (l: CheckpointSummary[]) => l.some((c) => c.agentId === agent.id || c.id === agent.ref);
  const list = agent.games.length === 1 ? await api.checkpoints(agent.games[0]) : [];
  return mine(list) ? list : api.checkpoints();
}

export async function agentPage(root: HTMLElement, route: Route): Promise<void> {
  const id = route.parts[1]!;
  const [agent, history] = await Promise.all([api.agent(id), api.ratingHistory(id)]);
  const games = [...new Set([...history.map((p) => p.game), ...agent.games])];
  const game = route.query.get('game') ?? history[history.length - 1]?.game ?? games[0] ?? '';
  const points = history.filter((p: RatingPoint) => p.game === game);
  const [recent, training, why, attacks] = await Promise.all([
    game ? api.matches({ game, agent: id, limit: 10, offset: 0 }).catch(() => null) : null,
    agent.kind === 'checkpoint'
      ? checkpointsOf(agent).then(
          (list) => trainingSection(agent.id, agent.ref, list),
          (e: unknown) => h('section', { class: 'training' }, h('h2', null, 'Training'), errorBox(e)),
        )
      : null,
    // Not on this game's leaderboard yet (no rated match) → 404 → no section.
    game ? api.agentPayoff(game, id).catch(() => null) : null,
    api.evaluations(agent.id).catch(() => []),
  ]);
  const whySection = why
    ? h(
        'section',
        { class: 'why', id: 'why' },
        h('h2', null, `Why this rank — ${game}`),
        h(
          'p',
          { class: 'muted' },
          `${agent.name}'s mean score against the top opponents (row against column; italics: never met, Bradley–Terry prediction). Hover a cell for the prediction and its 95 % interval.`,
        ),
        payoffHeatmap(why, (aid) => `#/agents/${encodeURIComponent(aid)}?game=${encodeURIComponent(game)}&view=why`),
      )
    : null;
  const last = points[points.length - 1];
  replace(
    root,
    h('h1', null, agent.name, ' ', h('span', { class: `kind kind-${agent.kind}` }, agent.kind)),
    h('p', null, agent.description || h('span', { class: 'muted' }, 'No description.')),
    h(
      'p',
      { class: 'muted' },
      `Owner ${agent.owner} · registered ${ago(agent.createdAt)}${agent.revoked ? ' · revoked' : ''}${agent.ref ? ` · ref ${agent.ref}` : ''}`,
    ),
    game && !agent.revoked
      ? h(
          'p',
          null,
          link(
            `#/play?game=${encodeURIComponent(game)}&opponent=${encodeURIComponent(agent.name)}`,
            `Play ${agent.name} at ${game} →`,
          ),
        )
      : null,
    agent.role === 'exploiter'
      ? h('p', { class: 'role-exploiter' }, 'Exploiter: an adversary trained by an evaluation to beat one agent.')
      : null,
    training,
    whySection,
    attacksSection(attacks),
    h(
      'div',
      { class: 'tabs' },
      games.map((g) =>
        h(
          'a',
          {
            href: `#/agents/${encodeURIComponent(id)}?game=${encodeURIComponent(g)}`,
            class: g === game ? 'active' : undefined,
          },
          g,
        ),
      ),
    ),
    h('h2', null, `Rating history${game ? ` — ${game}` : ''}`),
    last
      ? h(
          'p',
          null,
          'Current Elo ',
          h('b', null, fmt(last.after, 0)),
          ` after ${points.length} rated match${points.length === 1 ? '' : 'es'}.`,
        )
      : null,
    h(
      'div',
      { class: 'chart-box' },
      lineChart(
        // Point 0 is the rating before the first rated match, so the line starts at the initial Elo.
        (points.length ? [{ x: 0, y: points[0]!.before, label: `start: ${fmt(points[0]!.before, 0)}` }] : []).concat(
          points.map((p, i) => ({
            x: i + 1,
            y: p.after,
            label: `match ${i + 1} (${p.matchId}): ${fmt(p.before, 0)} → ${fmt(p.after, 0)}, score ${p.score}`,
          })),
        ),
        { xLabel: 'rated matches', yLabel: 'Elo', baseline: points[0]?.before },
      ),
    ),
    h('h2', null, 'Recent matches'),
    recent && recent.items.length ? matchTable(recent.items) : h('p', { class: 'muted' }, 'None yet.'),
    game
      ? h(
          'p',
          null,
          link(
            `#/matches?game=${encodeURIComponent(game)}&agent=${encodeURIComponent(id)}`,
            'All matches of this agent →',
          ),
        )
      : null,
  );
  if (route.query.get('view') === 'why') whySection?.scrollIntoView();
}
