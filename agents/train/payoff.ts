/**
 * The league's payoff table (AlphaStar pseudocode, mini-AlphaStar `league.py` class Payoff):
 * decayed counts of games, wins and draws per ordered pair. Each result first multiplies both
 * directions of that pair by the decay (0.99), then adds the new game, so recent games weigh more.
 * win rate(a, b) = (wins + ½ draws) / games, and 0.5 when the pair has not played.
 */
export interface PairStats {
  games: number;
  wins: number;
  draws: number;
  losses: number;
}

export type Outcome = 'win' | 'draw' | 'loss';

export class PayoffTable {
  private readonly cells = new Map<string, PairStats>();

  constructor(readonly decay = 0.99) {}

  private cell(a: string, b: string): PairStats {
    const k = `${a}\u0000${b}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { games: 0, wins: 0, draws: 0, losses: 0 }));
    return c;
  }

  stats(a: string, b: string): PairStats {
    return { ...this.cell(a, b) };
  }

  /** Record one game of `home` against `away`, from home's point of view. */
  update(home: string, away: string, outcome: Outcome): void {
    const h = this.cell(home, away);
    const w = this.cell(away, home);
    // Literal to the pseudocode: with home === away (self-play) h and w are the same cell, which
    // then decays twice and counts the game from both sides (one win + one loss, or two draws).
    for (const c of [h, w]) {
      c.games *= this.decay;
      c.wins *= this.decay;
      c.draws *= this.decay;
      c.losses *= this.decay;
    }
    h.games += 1;
    w.games += 1;
    if (outcome === 'win') (h.wins += 1), (w.losses += 1);
    else if (outcome === 'loss') (h.losses += 1), (w.wins += 1);
    else (h.draws += 1), (w.draws += 1);
  }

  winRate(a: string, b: string): number {
    const c = this.cell(a, b);
    if (c.games === 0) return 0.5;
    return (c.wins + 0.5 * c.draws) / c.games;
  }

  winRates(a: string, bs: readonly string[]): number[] {
    return bs.map((b) => this.winRate(a, b));
  }

  toJSON(): Record<string, PairStats> {
    return Object.fromEntries([...this.cells].map(([k, v]) => [k.replace('\u0000', ' vs '), v]));
  }
}

/** The learner's score of a finished episode as a payoff outcome (score 1, ½, 0). */
export function outcomeOf(score: number): Outcome {
  return score > 0.5 ? 'win' : score < 0.5 ? 'loss' : 'draw';
}
