/**
 * The Ludus bot SDK. A bot is a policy, `(observation, info) => action`; the client does the rest:
 * authentication, seeking and challenges, turns, retries after a rejected action, keep-alive, and
 * reconnection with exponential backoff (the server gives the seat back within its window and sends
 * the pending turn again). Speaks the /bot JSON protocol over `ws` (docs/protocol.md).
 *
 * Text mode (docs/protocol.md § text mode): with `observation: 'text'` the policy's first argument is the
 * game's text view, `info.legalText` the legal actions as text, and a policy answers in text by returning
 * a `TextAction` (optionally with the transcript of the language-model call that produced it).
 */
import { WebSocket } from 'ws';
import type {
  ChallengeOffer,
  ErrorFrame,
  Json,
  MatchStart,
  ObservationMode,
  Result,
  ServerFrame,
  Transcript,
  Turn,
  Welcome,
} from './messages.ts';

/** An answer in the game's text form (sent as `action.text`), with an optional transcript to store with the match. */
export class TextAction {
  constructor(
    readonly text: string,
    readonly transcript?: Transcript,
  ) {}
}

export interface TurnInfo {
  matchId: string;
  seat: number;
  step: number;
  legal: Json[] | undefined;
  mask: number[] | undefined;
  deadlineMs: number;
  bankMs: number;
  reward: number | undefined;
  start: MatchStart;
  /** Text and both modes: the text view, the legal actions as text, the text of the timeout default. */
  text?: string;
  legalText?: string[];
  defaultText?: string;
}

export type Policy = (observation: any, info: TurnInfo) => unknown | Promise<unknown>;

/** An answer to a challenge offer: accept (`true`, or the options of the match), or decline (`false`). */
export type ChallengeAnswer = boolean | PerMatchOptions;

/** Options of one `seek`, `challenge` or accepted offer. */
export interface PerMatchOptions {
  /** This match's observation mode, over the connection's (`ClientOptions.observation`). */
  observation?: ObservationMode;
}

export interface ClientOptions {
  /** ws://host:port/bot */
  url: string;
  token: string;
  /** What turns carry (default `json`; `text` gives the policy the text view; `both` the JSON with `info.text`). */
  observation?: ObservationMode;
  /** One policy for every match, or a factory for a fresh (stateful) one per match. */
  policy?: Policy;
  createPolicy?: (start: MatchStart) => Policy;
  /** Decide on a challenge offer (default: accept). */
  /**
   * Decide on a challenge offer (default: accept). `true` accepts, `false` declines, and
   * `{ observation }` accepts with that observation mode for this match (over the connection's).
   */
  onChallenge?: (offer: ChallengeOffer) => ChallengeAnswer | Promise<ChallengeAnswer>;
  onResult?: (result: Result) => void;
  log?: (line: string) => void;
  /** Reconnection backoff: first delay, cap, and how many attempts in a row (default 250 ms, 10 s, 20). */
  reconnect?: { initialMs?: number; maxMs?: number; attempts?: number };
}

interface MatchState {
  start: MatchStart;
  policy: Policy;
  /** The turn currently being answered, to retry it after a rejected action. */
  turn: Turn | undefined;
  retries: number;
  /** The last answer to `turn` went as text (a PARSE refusal is then answered with the default's text). */
  sentText: boolean;
}

interface Waiter {
  game?: string;
  matchId?: string;
  resolve: (r: Result) => void;
  reject: (e: Error) => void;
}

export class ArenaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export class ArenaClient {
  private ws: WebSocket | null = null;
  private readonly matches = new Map<string, MatchState>();
  private waiters: Waiter[] = [];
  private seeks: { game: string; config?: Json; observation?: ObservationMode }[] = [];
  private closing = false;
  private attempt = 0;
  private welcomeWaiters: { resolve: (w: Welcome) => void; reject: (e: Error) => void }[] = [];
  private pendingRequest: { resolve: (f: ServerFrame) => void; reject: (e: Error) => void; types: string[] } | null =
    null;
  welcome: Welcome | null = null;
  private authenticated = false;

  constructor(private readonly opts: ClientOptions) {
    if (!opts.policy && !opts.createPolicy) throw new Error('ArenaClient needs a policy or createPolicy');
  }

  /** Connect and authenticate; resolves with the welcome. */
  connect(): Promise<Welcome> {
    this.closing = false;
    return new Promise((resolve, reject) => {
      this.welcomeWaiters.push({ resolve, reject });
      this.open();
    });
  }

  /**
   * Queue for a match of `game`; resolves with that match's result.
   * @param opts.observation what this match's turns carry (`json`, `text` or `both`), over the
   *   connection's `observation` for this match only (docs/protocol.md § text mode)
   */
  async seek(game: string, config?: Json, opts: PerMatchOptions = {}): Promise<Result> {
    const seek = {
      game,
      ...(config === undefined ? {} : { config }),
      ...(opts.observation ? { observation: opts.observation } : {}),
    };
    this.seeks.push(seek);
    const result = this.waitResult({ game });
    try {
      await this.request({ type: 'seek', ...seek }, ['seeking']);
    } catch (e) {
      this.seeks = this.seeks.filter((s) => s !== seek);
      this.dropWaiter(game);
      throw e;
    }
    return result;
  }

  /**
   * Challenge an agent by name; resolves with the result of the match if it is accepted.
   * @param opts.observation as for `seek`: this match's observation mode, over the connection's
   */
  async challenge(opponent: string, game: string, config?: Json, opts: PerMatchOptions = {}): Promise<Result> {
    const result = this.waitResult({ game });
    try {
      const reply = await this.request(
        {
          type: 'challenge',
          opponent,
          game,
          ...(config === undefined ? {} : { config }),
          ...(opts.observation ? { observation: opts.observation } : {}),
        },
        ['challenge-sent', 'match-start'],
      );
      if (reply.type === 'challenge-sent') {
        const answer = await this.next(
          (f) =>
            (f.type === 'challenge-declined' || f.type === 'challenge-expired' || f.type === 'match-start') &&
            (f.type === 'match-start' || f.challengeId === reply.challengeId),
        );
        if (answer.type !== 'match-start')
          throw new ArenaError(
            answer.type === 'challenge-declined' ? 'DECLINED' : 'EXPIRED',
            `${opponent} did not accept`,
          );
      }
    } catch (e) {
      this.dropWaiter(game);
      throw e;
    }
    return result;
  }

  /** Resolves with the result of the next match that ends (e.g. when waiting for challenges). */
  nextResult(): Promise<Result> {
    return this.waitResult({});
  }

  send(msg: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  async close(): Promise<void> {
    this.closing = true;
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((r) => {
      ws.once('close', () => r());
      ws.close();
    });
  }

  // ------------------------------------------------------------------ connection

  private open(): void {
    const ws = new WebSocket(this.opts.url);
    this.ws = ws;
    this.authenticated = false;
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'auth',
          token: this.opts.token,
          ...(this.opts.observation ? { observation: this.opts.observation } : {}),
        }),
      ),
    );
    ws.on('message', (data) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(data.toString()) as ServerFrame;
      } catch {
        return;
      }
      void this.receive(frame);
    });
    ws.on('error', (e) => this.opts.log?.(`connection error: ${e.message}`));
    ws.on('close', () => this.closed(ws));
  }

  private closed(ws: WebSocket): void {
    if (ws !== this.ws) return;
    if (this.closing) {
      for (const w of this.waiters) w.reject(new ArenaError('CLOSED', 'the client was closed'));
      this.waiters = [];
      return;
    }
    const r = this.opts.reconnect ?? {};
    const attempts = r.attempts ?? 20;
    if (this.attempt >= attempts) {
      const e = new ArenaError('UNAVAILABLE', `gave up after ${attempts} reconnection attempts`);
      for (const w of [...this.welcomeWaiters, ...this.waiters]) w.reject(e);
      this.welcomeWaiters = [];
      this.waiters = [];
      return;
    }
    // Exponential backoff with jitter: initial · 2^attempt, capped, ±25 %.
    const base = Math.min(r.maxMs ?? 10_000, (r.initialMs ?? 250) * 2 ** this.attempt);
    const delay = base * (0.75 + Math.random() * 0.5);
    this.attempt++;
    this.opts.log?.(`disconnected; reconnecting in ${Math.round(delay)} ms`);
    setTimeout(() => {
      if (!this.closing) this.open();
    }, delay);
  }

  private async receive(f: ServerFrame): Promise<void> {
    if (
      this.pendingRequest &&
      (this.pendingRequest.types.includes(f.type) || (f.type === 'error' && f.matchId === undefined))
    ) {
      const p = this.pendingRequest;
      this.pendingRequest = null;
      if (f.type === 'error') p.reject(new ArenaError(f.code, f.message));
      else p.resolve(f);
    }
    for (const w of [...this.frameWaiters]) {
      if (w.pred(f)) {
        this.frameWaiters.delete(w);
        w.resolve(f);
      }
    }
    switch (f.type) {
      case 'welcome': {
        this.welcome = f;
        this.authenticated = true;
        const reconnected = this.attempt > 0;
        this.attempt = 0;
        for (const w of this.welcomeWaiters) w.resolve(f);
        this.welcomeWaiters = [];
        // Seeks die with their connection; ask again for the ones still waiting for a match.
        if (reconnected) for (const s of this.seeks) this.send({ type: 'seek', ...s });
        return;
      }
      case 'match-start':
        this.startMatch(f);
        return;
      case 'turn':
        await this.turn(f);
        return;
      case 'result':
        this.finish(f);
        return;
      case 'challenge': {
        const answer = this.opts.onChallenge ? await this.opts.onChallenge(f) : true;
        if (answer === false) this.send({ type: 'decline', challengeId: f.challengeId });
        else
          this.send({
            type: 'accept',
            challengeId: f.challengeId,
            ...(answer !== true && answer.observation ? { observation: answer.observation } : {}),
          });
        return;
      }
      case 'error':
        if (f.code === 'UNAUTHORIZED' && !this.authenticated) {
          // A refused token will not get better by retrying: give up and report it.
          const e = new ArenaError(f.code, f.message);
          for (const w of [...this.welcomeWaiters, ...this.waiters]) w.reject(e);
          this.welcomeWaiters = [];
          this.waiters = [];
          void this.close();
          return;
        }
        this.error(f);
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ matches

  private startMatch(f: MatchStart): void {
    if (this.matches.has(f.matchId)) {
      this.matches.get(f.matchId)!.start = f; // a resumed match keeps its policy (and its memory)
      return;
    }
    const policy = this.opts.createPolicy ? this.opts.createPolicy(f) : this.opts.policy!;
    this.matches.set(f.matchId, { start: f, policy, turn: undefined, retries: 0, sentText: false });
    const i = this.seeks.findIndex((s) => s.game === f.game);
    if (i >= 0) this.seeks.splice(i, 1);
    const w = this.waiters.find((x) => x.matchId === undefined && (x.game === undefined || x.game === f.game));
    if (w) w.matchId = f.matchId;
  }

  private async turn(t: Turn): Promise<void> {
    const m = this.matches.get(t.matchId);
    if (!m) return;
    m.turn = t;
    m.retries = 0;
    let action: unknown;
    try {
      action = await m.policy(t.observation ?? t.text, this.info(m, t));
    } catch (e) {
      this.opts.log?.(
        `policy failed at ${t.matchId} step ${t.step}: ${e instanceof Error ? e.message : String(e)}; playing a legal fallback`,
      );
      action = t.legal?.[0] ?? (t.defaultText !== undefined ? new TextAction(t.defaultText) : undefined);
    }
    if (m.turn !== t) return; // the turn moved on while the policy was thinking
    m.sentText = action instanceof TextAction;
    const body =
      action instanceof TextAction
        ? { text: action.text, ...(action.transcript ? { transcript: action.transcript } : {}) }
        : { action };
    this.send({ type: 'action', matchId: t.matchId, step: t.step, seat: t.seat, ...body });
  }

  private info(m: MatchState, t: Turn): TurnInfo {
    return {
      matchId: t.matchId,
      seat: t.seat,
      step: t.step,
      legal: t.legal,
      mask: t.mask,
      deadlineMs: t.deadlineMs,
      bankMs: t.bankMs,
      reward: t.reward,
      start: m.start,
      ...(t.text !== undefined ? { text: t.text } : {}),
      ...(t.legalText !== undefined ? { legalText: t.legalText } : {}),
      ...(t.defaultText !== undefined ? { defaultText: t.defaultText } : {}),
    };
  }

  private error(f: ErrorFrame): void {
    this.opts.log?.(`server: ${f.code}: ${f.message}`);
    if (f.matchId === undefined || f.step === undefined) return;
    const m = this.matches.get(f.matchId);
    const t = m?.turn;
    // A rejected action is not fatal: answer the same turn once more with a legal action.
    if (
      m &&
      t &&
      t.step === f.step &&
      (f.code === 'ILLEGAL_ACTION' || f.code === 'SCHEMA') &&
      m.retries === 0 &&
      t.legal?.length
    ) {
      m.retries++;
      this.send({ type: 'action', matchId: t.matchId, step: t.step, seat: t.seat, action: t.legal[0] });
    } else if (
      m &&
      t &&
      t.step === f.step &&
      m.sentText &&
      (f.code === 'PARSE' || f.code === 'ILLEGAL_ACTION') &&
      m.retries === 0 &&
      t.defaultText !== undefined
    ) {
      // A text answer the game could not read: play the text of the game's default action instead.
      m.retries++;
      this.send({ type: 'action', matchId: t.matchId, step: t.step, seat: t.seat, text: t.defaultText });
    }
  }

  private finish(r: Result): void {
    this.matches.delete(r.matchId);
    this.opts.onResult?.(r);
    const i = this.waiters.findIndex((w) => w.matchId === r.matchId);
    const j = i >= 0 ? i : this.waiters.findIndex((w) => w.matchId === undefined && w.game === undefined);
    if (j >= 0) this.waiters.splice(j, 1)[0]!.resolve(r);
  }

  // ------------------------------------------------------------------ plumbing

  private readonly frameWaiters = new Set<{ pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }>();

  private next<F extends ServerFrame>(pred: (f: ServerFrame) => boolean): Promise<F> {
    return new Promise((resolve) => this.frameWaiters.add({ pred, resolve: resolve as (f: ServerFrame) => void }));
  }

  /** Send a request and wait for one of the reply types (or an error without matchId). */
  private request(msg: object, types: string[]): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      this.pendingRequest = { resolve, reject, types };
      this.send(msg);
    });
  }

  private waitResult(w: { game?: string }): Promise<Result> {
    return new Promise((resolve, reject) => this.waiters.push({ ...w, resolve, reject }));
  }

  private dropWaiter(game: string): void {
    const i = this.waiters.findIndex((w) => w.game === game && w.matchId === undefined);
    if (i >= 0) this.waiters.splice(i, 1);
  }
}
