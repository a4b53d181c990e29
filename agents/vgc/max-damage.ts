/**
 * Max-damage: each active creature uses the move with the highest expected damage to the foes
 * (type effectiveness, STAB, stats and accuracy included; spread moves count every foe hit, at
 * 0.75). It never switches by choice, brings a random four, and replaces fainted creatures at random.
 * Like poke-env's MaxBasePowerPlayer, but with the damage formula instead of base power.
 */
import type { AgentSpec } from '../core/agent.ts';
import { MOVES } from '../../games/vgc/data/moves.ts';
import type { SlotChoice, VgcAction } from '../../games/vgc/actions.ts';
import type { VgcObs } from '../../games/vgc/view.ts';
import { expectedDamage, isSpread } from './estimate.ts';
import { readField, type Field } from './context.ts';

/** Expected damage to foes of one slot choice (0 for switches, passes and status moves). */
export function foeDamage(field: Field, slot: number, c: SlotChoice): number {
  if (c === 'pass' || 'switch' in c) return 0;
  const me = field.mine[slot];
  if (!me) return 0;
  const mv = MOVES[me.moves[c.move - 1]!]!;
  if (mv.category === 'status') return 0;
  if (c.target === 'ally') return 0;
  if (isSpread(mv)) {
    const live = field.foes.filter(Boolean);
    const spread = live.length + (mv.target === 'allOthers' && field.mine[1 - slot] ? 1 : 0) > 1;
    return live.reduce((acc, f) => acc + Math.min(f!.hp, expectedDamage(me, mv, f!, spread)), 0);
  }
  const f = field.foes[c.target === 'foe2' ? 1 : 0] ?? field.foes[c.target === 'foe2' ? 0 : 1];
  return f ? Math.min(f.hp, expectedDamage(me, mv, f, false)) : 0;
}

export const maxDamageAgent: AgentSpec = {
  id: 'max-damage',
  games: ['vgc'],
  title: 'Max damage',
  description:
    'Each active creature uses the move with the highest expected damage to the foes (type chart, STAB, stats, accuracy); never switches by choice.',
  source: "poke-env's MaxBasePowerPlayer, with expected damage in place of base power",
  create({ rng, seat }) {
    return {
      act(obs: VgcObs, info) {
        const legal = info.legal as VgcAction[];
        if (obs.phase !== 'move') return rng.pick(legal);
        const field = readField(obs, seat);
        let best: VgcAction[] = [];
        let bestScore = -Infinity;
        for (const a of legal) {
          if ('bring' in a) continue;
          if ((a.a !== 'pass' && 'switch' in a.a) || (a.b !== 'pass' && 'switch' in a.b)) continue;
          const s = foeDamage(field, 0, a.a) + foeDamage(field, 1, a.b);
          if (s > bestScore + 1e-9) {
            bestScore = s;
            best = [a];
          } else if (Math.abs(s - bestScore) <= 1e-9) best.push(a);
        }
        return best.length ? rng.pick(best) : rng.pick(legal);
      },
    };
  },
};
