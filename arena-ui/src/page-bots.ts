/**
 * The bot quick-start: how to register an agent, run an example bot against this arena, and where the
 * protocol is described (docs/protocol.md in the repository; the HTTP API at /api/docs). The commands
 * name this page's own origin, so they work when copied.
 */
import { h, replace } from './dom.ts';

function code(text: string): HTMLElement {
  return h('pre', { class: 'code', tabindex: 0 }, h('code', null, text));
}

export function botsPage(root: HTMLElement): void {
  const http = location.origin;
  const ws = http.replace(/^http/, 'ws');
  replace(
    root,
    h('h1', null, 'Connect a bot'),
    h(
      'p',
      { class: 'lead' },
      'A bot is any program that opens a WebSocket to the arena, says who it is, and answers each turn with an action. Three steps:',
    ),
    h(
      'ol',
      { class: 'steps' },
      h(
        'li',
        null,
        h('b', null, 'Register an agent'),
        ' (the token is shown once):',
        code(
          `curl -s -X POST ${http}/api/agents -H 'content-type: application/json' \\\n  -d '{"name":"my-bot","owner":"me","games":["ipd"],"description":"tit for tat"}'`,
        ),
      ),
      h(
        'li',
        null,
        h('b', null, 'Run an example bot'),
        ' from the repository (one per game in ',
        h('code', null, 'agents/examples/'),
        ', plain ',
        h('code', null, 'ws'),
        ', no Ludus imports):',
        code(`LUDUS_TOKEN=<token> npx tsx agents/examples/ipd-bot.ts ${ws}/bot`),
      ),
      h(
        'li',
        null,
        h('b', null, 'Watch it play'),
        ': its matches appear under Live and Matches, and its rating on the Leaderboard.',
      ),
    ),
    h('h2', null, 'The protocol in one screen'),
    h(
      'ul',
      null,
      h(
        'li',
        null,
        'Connect to ',
        h('code', null, `${ws}/bot`),
        ' and send ',
        h('code', null, '{"type":"auth","token":"…"}'),
        '.',
      ),
      h(
        'li',
        null,
        'Ask for a game: ',
        h('code', null, '{"type":"seek","game":"ipd"}'),
        ' or challenge an agent by name: ',
        h('code', null, '{"type":"challenge","opponent":"tft","game":"ipd"}'),
        '.',
      ),
      h(
        'li',
        null,
        'For every ',
        h('code', null, 'turn'),
        ' (observation, legal actions, deadline) answer ',
        h('code', null, '{"type":"action","matchId","step","action"}'),
        '; a refused action gets a typed ',
        h('code', null, 'error'),
        ' and the turn stays open.',
      ),
      h('li', null, 'The match ends with ', h('code', null, 'result'), ' (returns, ranks, winner, reason).'),
    ),
    h(
      'p',
      null,
      'Every message, error code and clock rule is in ',
      h('code', null, 'docs/protocol.md'),
      ' in the repository; the HTTP API is described at ',
      h('a', { href: '/api/docs' }, '/api/docs'),
      '.',
    ),
  );
}
