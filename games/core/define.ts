/**
 * `defineGame`: write a small game with the members only it can know, and get the rest of the
 * `Game` interface from defaults, the way boardgame.io fills a game config's defaults. The product
 * games implement every member by hand (for speed and exact text); a new or tutorial game starts
 * here (docs/adding-a-game.md walks through one).
 *
 * Defaults, each derived from what the definition gives:
 *   - `actionSpace`, `actionToIndex`, `indexToAction`: from `allActions(config)`, the fixed list of
 *     every action the game can ever take (a discrete space of that size, in that order);
 *   - `mask`: 1 on the indices of `legal(state, seat)`;
 *   - `check`: a schema-valid action is legal iff it equals (canonical JSON) one of `legal(...)`;
 *   - `isTerminal`: `toAct(state)` is empty;
 *   - `defaultAction`: the first legal action (games whose actions cannot be listed must give one);
 *   - `actionText` / `parseAction`: the action's canonical JSON, and a parser that accepts, without
 *     regard to case or spacing, the text of any legal action, or the JSON of one;
 *   - `render`: the observation as indented JSON;
 *   - `serialize`: the state as JSON (the state must then be plain data); `clone`: `deserialize` of
 *     `serialize` when `deserialize` is given, else `structuredClone` (plain data again);
 *   - `family`: 'custom', `description`: the title.
 * Anything given explicitly wins over its default. As everywhere in games/, the state keeps its
 * parsed config under `state.config` (games/core/kernel.ts `configOf`).
 */
import { GameError } from './errors.ts';
import { canonicalJson } from './hash.ts';
import { checkIndex, maskFromIndices } from './spaces.ts';
import { configOf, toJson } from './kernel.ts';
import type { Game, Json, Seat } from './types.ts';

/** The members only the game can know; every other `Game` member is optional here. */
type Required_<C, S, A, O> = Pick<
  Game<C, S, A, O>,
  | 'id'
  | 'title'
  | 'configSchema'
  | 'actionSchema'
  | 'numSeats'
  | 'obsSize'
  | 'init'
  | 'toAct'
  | 'result'
  | 'legal'
  | 'step'
  | 'observe'
  | 'encode'
>;

export type GameDefinition<C, S, A, O> = Required_<C, S, A, O> &
  Partial<Omit<Game<C, S, A, O>, keyof Required_<C, S, A, O>>> & {
    /** Every action the game can ever take, in a fixed order: the discrete action space. */
    allActions?(config: C): A[];
    /** The inverse of `serialize`, used by the default `clone`. */
    deserialize?(json: Json): S;
  };

/** Normalise a typed action for comparison: lower case, single spaces, no spaces around punctuation. */
function normaliseText(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([,:;=(){}[\]"])\s*/g, '$1');
}

/**
 * Build a full `Game` from a definition (see the header for every default).
 * @throws Error at definition time when a discrete game gives neither `allActions` nor its own
 *   `actionSpace` + `actionToIndex` + `indexToAction`.
 */
export function defineGame<C, S, A, O>(def: GameDefinition<C, S, A, O>): Game<C, S, A, O> {
  const { allActions, deserialize, ...given } = def;
  const keyOf = (a: unknown) => canonicalJson(a);
  // The action table of each config, found by identity first (cheap), then by canonical JSON
  // (a cloned state carries an equal config in a new object).
  type Table = { list: A[]; index: Map<string, number> };
  const byObject = new WeakMap<object, Table>();
  const byText = new Map<string, Table>();
  const actionsOf = (config: C): Table => {
    if (!allActions) throw new Error(`${def.id}: defineGame needs allActions(config) to index actions`);
    const obj = config as object;
    let t = byObject.get(obj);
    if (t) return t;
    const text = canonicalJson(config);
    t = byText.get(text);
    if (!t) {
      const list = allActions(config);
      t = { list, index: new Map(list.map((a, i) => [keyOf(a), i])) };
      byText.set(text, t);
    }
    byObject.set(obj, t);
    return t;
  };
  if (!allActions && !(def.actionSpace && def.actionToIndex && def.indexToAction)) {
    throw new Error(`${def.id}: defineGame needs allActions(config), or actionSpace, actionToIndex and indexToAction`);
  }
  const configOfState = (state: S): C => configOf(game, state) as C;
  const legalOrThrow = (state: S, seat: Seat): A[] => {
    const legal = given.legal(state, seat);
    if (!legal) throw new Error(`${def.id}: the default needs legal() to list actions; give this member explicitly`);
    return legal;
  };

  const game: Game<C, S, A, O> = {
    family: 'custom',
    description: def.title,
    actionSpace: (config) => ({ kind: 'discrete', n: actionsOf(config).list.length }),
    isTerminal: (state) => given.toAct(state).length === 0,
    check(state, seat, action) {
      const legal = given.legal(state, seat);
      if (!legal) return;
      const key = keyOf(action);
      if (!legal.some((a) => keyOf(a) === key)) {
        throw new GameError(
          'ILLEGAL_ACTION',
          `${canonicalJson(action)} is not legal now; legal: ${legal.map((a) => game.actionText(a)).join(', ')}`,
        );
      }
    },
    defaultAction: (state, seat) => legalOrThrow(state, seat)[0]!,
    mask(state, seat) {
      const n = (game.actionSpace(configOfState(state)) as { n: number }).n;
      return maskFromIndices(
        n,
        (given.legal(state, seat) ?? []).map((a) => game.actionToIndex(state, seat, a)),
      );
    },
    actionToIndex(state, _seat, action) {
      const i = actionsOf(configOfState(state)).index.get(keyOf(action));
      if (i === undefined) throw new GameError('ILLEGAL_ACTION', `${canonicalJson(action)} is not in the action space`);
      return i;
    },
    indexToAction(state, _seat, index) {
      const { list } = actionsOf(configOfState(state));
      checkIndex(list.length, index);
      return structuredClone(list[index]!);
    },
    render: (obs) => JSON.stringify(obs, null, 2),
    actionText: (action) => canonicalJson(action),
    parseAction(text, state, seat) {
      const want = normaliseText(text);
      const match = (given.legal(state, seat) ?? []).find((a) => normaliseText(game.actionText(a)) === want);
      if (match !== undefined) return structuredClone(match);
      try {
        const parsed = def.actionSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
      } catch {
        // not JSON either: fall through to PARSE
      }
      const examples = (given.legal(state, seat) ?? []).slice(0, 5).map((a) => JSON.stringify(game.actionText(a)));
      throw new GameError(
        'PARSE',
        `cannot read ${JSON.stringify(text)} as an action${examples.length ? `; for example ${examples.join(', ')}` : ''}`,
      );
    },
    serialize: (state) => toJson(state),
    clone: (state) => (deserialize ? deserialize(game.serialize(state)) : structuredClone(state)),
    ...given,
  };
  return game;
}
