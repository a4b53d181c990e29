/**
 * Public goods for a person. Contribution stage: a slider and a number box (kept in step), quick
 * buttons for nothing / half / everything, and "Contribute" (Enter in the box sends too). Whatever is
 * typed is sent as typed: the engine is the one judge of legality, and a refusal ("a contribution
 * cannot exceed the endowment 20") comes back inline with the controls still live. Punishment stage:
 * points per other seat within the budget, "Punish" and "Punish nobody".
 */
import type { PublicGoodsView } from '../../games/public-goods/view.ts';
import { h, score } from './dom.ts';
import { wrapControls, type TurnContext, type TurnControls } from './controls.ts';

export function publicGoodsControls(ctx: TurnContext): TurnControls {
  const v = ctx.turn.observation as PublicGoodsView;
  return v.stage === 'punish' ? punishControls(ctx, v) : contributeControls(ctx, v);
}

function contributeControls(ctx: TurnContext, v: PublicGoodsView): TurnControls {
  const e = v.endowment;
  const whole = v.contributionMode === 'integer';
  const step = whole ? 1 : 'any';
  const start = whole ? Math.round(e / 2) : e / 2;
  const slider = h('input', {
    type: 'range',
    class: 'contribution-slider',
    min: 0,
    max: e,
    step: whole ? 1 : e / 100,
    value: String(start),
    'aria-label': 'contribution',
  });
  const box = h('input', {
    type: 'number',
    class: 'contribution-amount',
    id: 'contribution-amount',
    min: 0,
    max: e,
    step,
    value: String(start),
    inputmode: 'decimal',
  });
  const keep = h('span', { class: 'muted small keep' });
  const sync = () => {
    const x = Number(box.value);
    keep.textContent = Number.isFinite(x)
      ? `you keep ${score(e - x)}; the group pot gets ${score(x)} × ${score(v.mpcr * v.players)} shared by all ${v.players}`
      : '';
  };
  slider.addEventListener('input', () => {
    box.value = slider.value;
    sync();
  });
  box.addEventListener('input', () => {
    slider.value = box.value;
    sync();
  });
  const send = () => ctx.submit({ type: 'contribute', amount: Number(box.value) });
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') send();
  });
  const quick = (label: string, amount: number) =>
    h(
      'button',
      { class: 'quick', 'data-amount': String(amount), onclick: () => ctx.submit({ type: 'contribute', amount }) },
      label,
    );
  sync();
  const body = h(
    'div',
    { class: 'controls public-goods' },
    h('label', { for: 'contribution-amount' }, `How much of your ${score(e)} do you put in the group pot this round?`),
    h('div', { class: 'row' }, slider, box, h('button', { class: 'primary contribute', onclick: send }, 'Contribute')),
    keep,
    h(
      'div',
      { class: 'row' },
      quick('Nothing', 0),
      quick('Half', whole ? Math.round(e / 2) : e / 2),
      quick(`Everything (${score(e)})`, e),
    ),
  );
  return wrapControls(body);
}

function punishControls(ctx: TurnContext, v: PublicGoodsView): TurnControls {
  const p = v.punishment!;
  const others = Array.from({ length: v.players }, (_, s) => s).filter((s) => s !== ctx.seat);
  const inputs = new Map<number, HTMLInputElement>();
  const last = v.current;
  const rows = others.map((s) => {
    const input = h('input', {
      type: 'number',
      min: 0,
      max: p.maxPoints,
      step: 1,
      value: '0',
      id: `punish-${s}`,
      class: 'punish-points',
    });
    inputs.set(s, input);
    return h(
      'div',
      { class: 'row' },
      h('label', { for: `punish-${s}` }, `${ctx.labels[s] ?? `seat ${s}`} (put in ${score(last[s] ?? null)})`),
      input,
    );
  });
  const send = () => {
    const points = new Array<number>(v.players).fill(0);
    for (const [s, input] of inputs) points[s] = Number(input.value) || 0;
    ctx.submit({ type: 'punish', points });
  };
  const body = h(
    'div',
    { class: 'controls punish' },
    h(
      'p',
      null,
      `Punishment: each point costs you ${score(p.cost)} and takes ${score(p.impact)} from its target (at most ${p.maxPoints} points each; you can spend up to ${score(v.budget)}).`,
    ),
    rows,
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'primary punish-send', onclick: send }, 'Punish'),
      h(
        'button',
        { class: 'punish-none', onclick: () => ctx.submit({ type: 'punish', points: new Array(v.players).fill(0) }) },
        'Punish nobody',
      ),
    ),
  );
  return wrapControls(body);
}
