/**
 * The VGC-lite battle controls, after Pokémon Showdown's client: nothing to type.
 *   - Team preview: click 4 of your 6 creatures in the order you want them (the first two lead); each
 *     card shows types, item, stats and moves; "Start the battle" sends `{bring}`.
 *   - A turn: for each active slot in turn ("What will X do?"), move buttons with type, category,
 *     power, accuracy, a short description and the effectiveness against each visible foe; a move that
 *     needs a target opens a target picker; switch buttons list the healthy bench. After the last slot
 *     the choice is sent; "Back" revisits the first slot before that.
 *   - Forced switches (after a faint): only the empty slots choose, among the bench.
 * Every option offered comes from the turn's legal actions, so the joint rules (two slots cannot
 * send in the same creature) hold by construction.
 * Keys: 1–4 moves, 5–8 switches, then 1/2/3 for foe 1 / foe 2 / ally; Escape goes back; at team
 * preview 1–6 pick and Enter starts.
 */
import type { SlotChoice, TurnAction } from '../../games/vgc/actions.ts';
import { ITEMS } from '../../games/vgc/data/items.ts';
import type { MonView, VgcObs } from '../../games/vgc/view.ts';
import { h, replace } from './dom.ts';
import { wrapControls, type TurnContext, type TurnControls } from './controls.ts';
import { effectWords, moveData, moveDescription, moveEffect, moveFacts, multiplierText } from './vgc-info.ts';

const STAT_NAMES = ['Atk', 'Def', 'SpA', 'SpD', 'Spe'];

function itemName(id: string | undefined): string {
  return id ? (ITEMS.find((i) => i.id === id)?.name ?? id) : '';
}

function typeBadges(types: readonly string[]): HTMLElement[] {
  return types.map((t) => h('span', { class: `type type-${t.toLowerCase()}` }, t));
}

export function vgcControls(ctx: TurnContext): TurnControls {
  const obs = ctx.turn.observation as VgcObs;
  return obs.phase === 'preview' ? previewControls(ctx, obs) : turnControls(ctx, obs);
}

// ------------------------------------------------------------------ team preview

function previewControls(ctx: TurnContext, obs: VgcObs): TurnControls {
  const mine = obs.sides[ctx.seat]!.team;
  const theirs = obs.sides[1 - ctx.seat]!.team;
  const picked: number[] = [];
  const cards = new Map<number, HTMLButtonElement>();
  const summary = h('p', { class: 'bring-summary', 'aria-live': 'polite' });
  const confirm = h(
    'button',
    {
      class: 'primary bring-confirm',
      disabled: true,
      onclick: () => picked.length === 4 && ctx.submit({ bring: [...picked] }),
    },
    'Start the battle',
  );
  const update = () => {
    for (const [i, card] of cards) {
      const k = picked.indexOf(i);
      card.setAttribute('aria-pressed', String(k >= 0));
      card.querySelector('.pick-order')!.textContent = k < 0 ? '' : k < 2 ? `lead ${k + 1}` : `back ${k - 1}`;
    }
    confirm.disabled = picked.length !== 4;
    const names = picked.map((i) => mine[i - 1]!.species);
    summary.textContent =
      picked.length === 0
        ? 'Pick 4 of your 6 creatures, in order: the first two you pick lead the battle.'
        : `Leads: ${names.slice(0, 2).join(' and ')}${names.length > 2 ? ` · in the back: ${names.slice(2).join(' and ')}` : ''}${picked.length < 4 ? ` · pick ${4 - picked.length} more` : ' · ready'}`;
  };
  const toggle = (i: number) => {
    const k = picked.indexOf(i);
    if (k >= 0) picked.splice(k, 1);
    else if (picked.length < 4) picked.push(i);
    update();
  };
  for (const m of mine) {
    const card = h(
      'button',
      {
        class: 'preview-mon',
        'data-index': String(m.index),
        'aria-pressed': 'false',
        'aria-keyshortcuts': String(m.index),
        onclick: () => toggle(m.index),
      },
      h('span', { class: 'pick-order' }),
      h('span', { class: 'mon-name' }, m.species),
      h('span', { class: 'types' }, typeBadges(m.types)),
      m.item ? h('span', { class: 'small' }, `holds ${itemName(m.item)}`) : null,
      m.stats
        ? h(
            'span',
            { class: 'small muted' },
            `${m.maxHp} HP · ${m.stats.map((x, k) => `${STAT_NAMES[k]} ${x}`).join(' · ')}`,
          )
        : null,
      h(
        'span',
        { class: 'preview-moves' },
        m.moves.map((id) => {
          const mv = moveData(id);
          return h(
            'span',
            { class: 'preview-move', title: mv ? `${moveFacts(mv)}. ${moveDescription(mv)}` : id },
            h('span', { class: `type-dot type-${(mv?.type ?? '').toLowerCase()}`, 'aria-hidden': 'true' }),
            mv?.name ?? id,
          );
        }),
      ),
    );
    cards.set(m.index, card);
  }
  update();
  const body = h(
    'div',
    { class: 'vgc-preview' },
    h('h2', null, 'Team preview'),
    summary,
    h('div', { class: 'preview-grid', role: 'group', 'aria-label': 'your team' }, [...cards.values()]),
    h(
      'div',
      { class: 'row' },
      confirm,
      h('button', { class: 'bring-reset', onclick: () => (picked.splice(0), update()) }, 'Clear'),
    ),
    h('h3', null, 'Their team'),
    h(
      'ul',
      { class: 'foe-preview' },
      theirs.map((m) => h('li', null, h('b', null, m.species), ' ', typeBadges(m.types))),
    ),
  );
  return wrapControls(body, {
    keys: (e) => {
      if (e.key === 'Enter' && !confirm.disabled) {
        confirm.click();
        return true;
      }
      const k = Number(e.key);
      if (!Number.isInteger(k) || k < 1 || k > mine.length) return false;
      toggle(k);
      return true;
    },
  });
}

// ------------------------------------------------------------------ battle turns

type Slot = 'a' | 'b';

function choiceKey(c: SlotChoice): string {
  if (c === 'pass') return 'pass';
  if ('switch' in c) return `switch ${c.switch}`;
  return `move ${c.move}${c.target ? ` ${c.target}` : ''}`;
}

function hpText(m: MonView): string {
  return m.hp !== undefined ? `${m.hp}/${m.maxHp} HP` : `${m.hpPercent}%`;
}

function turnControls(ctx: TurnContext, obs: VgcObs): TurnControls {
  const legal = (ctx.turn.legal ?? []) as TurnAction[];
  const me = obs.sides[ctx.seat]!;
  const foe = obs.sides[1 - ctx.seat]!;
  const active = (side: typeof me, slot: Slot) => side.team.find((m) => m.slot === slot);
  const chosen: Partial<Record<Slot, SlotChoice>> = {};
  /** The slot being chosen, and the move waiting for its target. */
  let slot: Slot = 'a';
  let pendingMove: number | null = null;
  const panel = h('div', { class: 'vgc-choice' });
  let keys: ((e: KeyboardEvent) => boolean) | null = null;

  const options = (s: Slot): SlotChoice[] => {
    const seen = new Map<string, SlotChoice>();
    for (const a of legal) {
      if (s === 'b' && chosen.a && choiceKey(a.a) !== choiceKey(chosen.a)) continue;
      const c = a[s];
      seen.set(choiceKey(c), c);
    }
    return [...seen.values()];
  };
  const onlyPass = (s: Slot) => {
    const o = options(s);
    return o.length === 1 && o[0] === 'pass';
  };
  const choose = (c: SlotChoice) => {
    chosen[slot] = c;
    pendingMove = null;
    if (slot === 'a') {
      slot = 'b';
      if (onlyPass('b')) chosen.b = 'pass';
    }
    if (chosen.a && chosen.b) {
      ctx.submit({ a: chosen.a, b: chosen.b });
      draw(true);
      return;
    }
    draw();
  };
  const back = () => {
    if (pendingMove !== null) pendingMove = null;
    else if (slot === 'b' && !onlyPass('a')) {
      slot = 'a';
      delete chosen.a;
      delete chosen.b;
    }
    draw();
  };

  const targetInfo = (mvId: string, target: string): { label: string; hint: string } => {
    const mv = moveData(mvId)!;
    const m = target === 'ally' ? active(me, slot === 'a' ? 'b' : 'a') : active(foe, target === 'foe1' ? 'a' : 'b');
    if (!m) return { label: target, hint: '' };
    const x = moveEffect(mv, m.types);
    const who = target === 'ally' ? `Ally ${m.species}` : `${target === 'foe1' ? 'Foe 1' : 'Foe 2'}: ${m.species}`;
    return {
      label: who,
      hint: mv.category === 'status' ? '' : `${multiplierText(x)}${effectWords(x) ? ` ${effectWords(x)}` : ''}`,
    };
  };

  function draw(sent = false): void {
    keys = null;
    if (sent) {
      replace(
        panel,
        h(
          'p',
          { class: 'muted' },
          `Sent: ${describe('a', chosen.a!)}; ${describe('b', chosen.b!)}. Waiting for the other side…`,
        ),
      );
      return;
    }
    const mon = active(me, slot);
    const opts = options(slot);
    const forced = obs.phase === 'switch';
    const title = forced
      ? `Send in a creature for slot ${slot}`
      : mon
        ? `What will ${mon.species} (slot ${slot}) do?`
        : `Slot ${slot}`;
    const parts: (HTMLElement | null)[] = [h('h2', { class: 'choice-title' }, title)];
    if (slot === 'b' && chosen.a) parts.push(h('p', { class: 'muted small' }, `Slot a: ${describe('a', chosen.a)}.`));
    if (pendingMove !== null && mon) {
      const mvId = mon.moves[pendingMove - 1]!;
      const mv = moveData(mvId)!;
      const targets = opts.filter((c) => c !== 'pass' && 'move' in c && c.move === pendingMove && c.target) as {
        move: number;
        target: 'foe1' | 'foe2' | 'ally';
      }[];
      parts.push(h('p', null, `${mv.name}: choose a target.`));
      const buttons = targets.map((c, i) => {
        const t = targetInfo(mvId, c.target);
        return h(
          'button',
          {
            class: `vgc-target target-${c.target}`,
            'data-target': c.target,
            'aria-keyshortcuts': String(i + 1),
            onclick: () => choose(c),
          },
          h('span', { class: 'mon-name' }, t.label),
          t.hint ? h('span', { class: `effect ${effectClass(t.hint)}` }, t.hint) : null,
        );
      });
      parts.push(h('div', { class: 'target-row', role: 'group', 'aria-label': 'targets' }, buttons));
      parts.push(h('button', { class: 'vgc-back', onclick: back }, 'Back'));
      keys = (e) => {
        if (e.key === 'Escape') return (back(), true);
        const k = Number(e.key);
        if (!Number.isInteger(k) || k < 1 || k > targets.length) return false;
        choose(targets[k - 1]!);
        return true;
      };
      replace(panel, parts);
      return;
    }
    const moveButtons: HTMLButtonElement[] = [];
    if (mon && !forced) {
      mon.moves.forEach((id, k) => {
        const n = k + 1;
        const legalHere = opts.filter((c) => c !== 'pass' && 'move' in c && c.move === n);
        const mv = moveData(id);
        if (!mv) return;
        const foes = (['a', 'b'] as Slot[]).map((s) => active(foe, s)).filter((m): m is MonView => !!m);
        const hints =
          mv.category === 'status' ||
          mv.target === 'self' ||
          mv.target === 'ally' ||
          mv.target === 'side' ||
          mv.target === 'field'
            ? []
            : foes.map((f) => {
                const x = moveEffect(mv, f.types);
                return h(
                  'span',
                  { class: `effect ${effectClass(effectWords(x))}` },
                  `${multiplierText(x)} on ${f.species}`,
                );
              });
        const b = h(
          'button',
          {
            class: `vgc-move type-border-${mv.type.toLowerCase()}`,
            'data-slot': slot,
            'data-move': String(n),
            disabled: legalHere.length === 0,
            'aria-keyshortcuts': String(n),
            onclick: () => {
              if (legalHere.length === 1 && !(legalHere[0] as { target?: string }).target) choose(legalHere[0]!);
              else {
                pendingMove = n;
                draw();
              }
            },
          },
          h(
            'span',
            { class: 'move-head' },
            h('span', { class: 'mon-name' }, mv.name),
            h('kbd', { 'aria-hidden': 'true' }, String(n)),
          ),
          h(
            'span',
            { class: 'move-facts small' },
            h('span', { class: `type type-${mv.type.toLowerCase()}` }, mv.type),
            ` ${moveFacts(mv).split(' · ').slice(1).join(' · ')}`,
          ),
          h('span', { class: 'move-desc small muted' }, moveDescription(mv)),
          hints.length ? h('span', { class: 'move-effects small' }, hints) : null,
        );
        moveButtons.push(b);
      });
      parts.push(h('div', { class: 'move-grid-buttons', role: 'group', 'aria-label': 'moves' }, moveButtons));
    }
    const switches = opts.filter((c): c is { switch: number } => c !== 'pass' && 'switch' in c);
    const switchButtons = switches.map((c, i) => {
      const m = me.team.find((x) => x.party === c.switch)!;
      return h(
        'button',
        {
          class: 'vgc-switch',
          'data-party': String(c.switch),
          'aria-keyshortcuts': String(i + 5),
          onclick: () => choose(c),
        },
        h('span', { class: 'mon-name' }, m.species),
        ' ',
        typeBadges(m.types),
        h('span', { class: 'small muted' }, ` ${hpText(m)}${m.status ? ` · ${m.status}` : ''}`),
      );
    });
    if (switchButtons.length)
      parts.push(
        h('h3', null, forced ? 'Your healthy creatures' : 'Or switch to'),
        h('div', { class: 'switch-row', role: 'group', 'aria-label': 'switches' }, switchButtons),
      );
    if (opts.some((c) => c === 'pass') && (forced || !mon))
      parts.push(h('button', { class: 'vgc-pass', onclick: () => choose('pass') }, 'Pass'));
    if (slot === 'b' && !onlyPass('a')) parts.push(h('button', { class: 'vgc-back', onclick: back }, 'Back to slot a'));
    keys = (e) => {
      if (e.key === 'Escape') return (back(), true);
      const k = Number(e.key);
      if (!Number.isInteger(k)) return false;
      if (k >= 1 && k <= 4 && moveButtons[k - 1] && !moveButtons[k - 1]!.disabled)
        return (moveButtons[k - 1]!.click(), true);
      if (k >= 5 && switchButtons[k - 5]) return (switchButtons[k - 5]!.click(), true);
      return false;
    };
    replace(panel, parts);
  }

  const describe = (s: Slot, c: SlotChoice): string => {
    if (c === 'pass') return `slot ${s} passes`;
    if ('switch' in c) return `switch to ${me.team.find((m) => m.party === c.switch)?.species ?? c.switch}`;
    const mon = active(me, s);
    const mv = mon ? moveData(mon.moves[c.move - 1]!) : undefined;
    const target =
      c.target === 'ally'
        ? 'the ally'
        : c.target
          ? (active(foe, c.target === 'foe1' ? 'a' : 'b')?.species ?? c.target)
          : '';
    return `${mon?.species ?? `slot ${s}`} uses ${mv?.name ?? `move ${c.move}`}${target ? ` on ${target}` : ''}`;
  };

  if (onlyPass('a')) {
    chosen.a = 'pass';
    slot = 'b';
  }
  draw();
  const controls = wrapControls(panel, { keys: (e) => keys?.(e) ?? false });
  return {
    ...controls,
    showError(message: string) {
      controls.showError(message);
      // A refused choice: start the turn over, every option live again.
      if (message) {
        delete chosen.a;
        delete chosen.b;
        slot = 'a';
        pendingMove = null;
        if (onlyPass('a')) {
          chosen.a = 'pass';
          slot = 'b';
        }
        draw();
      }
    },
  };
}

function effectClass(words: string): string {
  return words.includes('super')
    ? 'super'
    : words.includes('not very')
      ? 'resisted'
      : words.includes('no effect')
        ? 'immune'
        : 'neutral';
}
