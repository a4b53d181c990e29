/**
 * Training: every trained checkpoint the arena holds, per game, newest first, with its algorithm, role,
 * env steps and last evaluation score; each links to its agent page, which draws its lineage and its
 * scores during training (training.ts).
 */
import { listGames } from '../../games/index.ts';
import { api, type CheckpointSummary } from './api.ts';
import { fmt, h, link, replace } from './dom.ts';
import type { Route } from './main.ts';
import { readTraining } from './training.ts';

export async function trainingPage(root: HTMLElement, route: Route): Promise<void> {
  const game = route.query.get('game') ?? '';
  const list = await api.checkpoints(game || undefined);
  const games = listGames().map((g) => g.id);
  const rows = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const evalText = (c: CheckpointSummary) => {
    const t = readTraining(c.training);
    return t.eval.map((e) => `${e.opponent} ${fmt(e.score, 2)}`).join(', ') || '—';
  };
  replace(
    root,
    h('h1', null, 'Training'),
    h(
      'p',
      { class: 'muted' },
      'Policies trained with ',
      h('code', null, 'ludus train'),
      ' or ',
      h('code', null, 'ludus league'),
      ' and uploaded to the arena. Open one to see its lineage and its scores during training.',
    ),
    h(
      'div',
      { class: 'tabs', role: 'navigation', 'aria-label': 'games' },
      h('a', { href: '#/training', class: game === '' ? 'active' : undefined }, 'all games'),
      games.map((g) =>
        h('a', { href: `#/training?game=${encodeURIComponent(g)}`, class: g === game ? 'active' : undefined }, g),
      ),
    ),
    rows.length === 0
      ? h(
          'p',
          { class: 'muted' },
          'No checkpoint yet. ',
          h('code', null, 'npx ludus train --game sumo --arena <url>'),
          ' uploads one.',
        )
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'table checkpoints' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', null, 'Checkpoint'),
                h('th', null, 'Game'),
                h('th', null, 'Algorithm'),
                h('th', { class: 'num' }, 'Env steps'),
                h('th', null, 'Last evaluation'),
                h('th', null, 'Taken'),
              ),
            ),
            h(
              'tbody',
              null,
              rows.map((c) => {
                const t = readTraining(c.training);
                return h(
                  'tr',
                  { class: 'checkpoint-row' },
                  h(
                    'td',
                    null,
                    link(`#/agents/${encodeURIComponent(c.agentId)}?game=${encodeURIComponent(c.game)}`, c.name),
                  ),
                  h('td', null, c.game),
                  h('td', null, [t.algo, t.role].filter(Boolean).join(' · ') || '—'),
                  h('td', { class: 'num' }, t.envSteps === undefined ? '—' : t.envSteps.toLocaleString('en')),
                  h('td', null, evalText(c)),
                  h('td', { class: 'muted' }, c.createdAt.slice(0, 16).replace('T', ' ')),
                );
              }),
            ),
          ),
        ),
  );
}
