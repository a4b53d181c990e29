/**
 * Prometheus metrics of one arena (prom-client), served at `GET /metrics` in the text exposition
 * format. One registry per arena (tests boot several in one process), holding:
 *
 * | metric | type | meaning |
 * | --- | --- | --- |
 * | `ludus_turns_total{game}` | counter | engine steps played in live matches (rate() of it is turns/s) |
 * | `ludus_live_matches{game}` | gauge | matches in progress |
 * | `ludus_match_commit_seconds` | histogram | time to commit one finished match (one attempt) |
 * | `ludus_match_commit_failures_total` | counter | commit attempts that failed (the live layer retries) |
 * | `ludus_connections{transport}` | gauge | open connections by transport (`bot`, `room`), from the live layer's hook |
 * | `ludus_http_requests_total{status}` | counter | HTTP answers by status class (`2xx`…`5xx`) |
 * | `nodejs_eventloop_lag_seconds`, `nodejs_eventloop_lag_p99_seconds`, … | gauges | prom-client's default process metrics (event-loop lag, heap, GC, CPU) |
 *
 * Turns are counted without a hook in the turn loop: at each scrape the steps every live match has
 * played since the last scrape are added, and at a commit the rest of that match's steps, so the
 * counter only grows and counts every step once. The live layer can feed the rest directly:
 * `metrics.setConnections(() => ({bot, room}))`, `metrics.turns.inc({game})`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FinishedMatch, LiveMatchInfo } from './contracts.ts';

export class ArenaMetrics {
  readonly registry = new Registry();
  readonly turns: Counter<'game'>;
  readonly liveMatches: Gauge<'game'>;
  readonly commitSeconds: Histogram;
  readonly commitFailures: Counter;
  readonly connections: Gauge<'transport'>;
  readonly httpRequests: Counter<'status'>;
  readonly commitBacklog: Gauge;
  readonly stalledSeconds: Gauge;
  private backlog: () => number = () => 0;
  private stalled: () => number = () => 0;
  private live: () => LiveMatchInfo[] = () => [];
  private connectionCounts: () => Record<string, number> = () => ({});
  /** Steps already counted per live match id. */
  private readonly counted = new Map<string, number>();

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // A scrape first brings the turn counter up to date with the live matches.
    const self = this;
    this.turns = new Counter({
      name: 'ludus_turns_total',
      help: 'engine steps played in live matches',
      labelNames: ['game'],
      registers,
    });
    this.liveMatches = new Gauge({
      name: 'ludus_live_matches',
      help: 'matches in progress',
      labelNames: ['game'],
      registers,
      collect() {
        this.reset();
        const byGame = new Map<string, number>();
        for (const m of self.live()) {
          byGame.set(m.game, (byGame.get(m.game) ?? 0) + 1);
          self.countSteps(m.id, m.game, m.step);
        }
        for (const [game, n] of byGame) this.set({ game }, n);
      },
    });
    this.commitSeconds = new Histogram({
      name: 'ludus_match_commit_seconds',
      help: 'time to commit one finished match (one attempt)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.commitFailures = new Counter({
      name: 'ludus_match_commit_failures_total',
      help: 'match commit attempts that failed',
      registers,
    });
    this.connections = new Gauge({
      name: 'ludus_connections',
      help: 'open connections by transport',
      labelNames: ['transport'],
      registers,
      collect() {
        this.reset();
        for (const [transport, n] of Object.entries(self.connectionCounts())) this.set({ transport }, n);
      },
    });
    this.httpRequests = new Counter({
      name: 'ludus_http_requests_total',
      help: 'HTTP answers by status class',
      labelNames: ['status'],
      registers,
    });
    this.commitBacklog = new Gauge({
      name: 'ludus_commit_backlog',
      help: 'finished matches whose commit has not landed yet (parked in the journal or being retried)',
      registers,
      collect() {
        this.set(self.backlog());
      },
    });
    this.stalledSeconds = new Gauge({
      name: 'ludus_server_stalled_seconds',
      help: 'event-loop stalls since start that were credited back to seat clocks',
      registers,
      collect() {
        this.set(self.stalled() / 1000);
      },
    });
  }

  /** Where the commit backlog and the stall total come from (the live layer). */
  setLiveHealth(backlog: () => number, stalledMs: () => number): void {
    this.backlog = backlog;
    this.stalled = stalledMs;
  }

  /** Where live matches come from (the live layer's LiveView). */
  setLiveView(live: () => LiveMatchInfo[]): void {
    this.live = live;
  }

  /** Where the open connections per transport come from (the live layer's hook). */
  setConnections(counts: () => Record<string, number>): void {
    this.connectionCounts = counts;
  }

  private countSteps(id: string, game: string, step: number): void {
    const before = this.counted.get(id) ?? 0;
    if (step > before) this.turns.inc({ game }, step - before);
    this.counted.set(id, Math.max(before, step));
  }

  /**
   * Time one commit attempt of a finished match (counting its last steps and a failure); wrap the
   * store's commitMatch with it.
   */
  async timeCommit<T>(match: FinishedMatch, commit: () => Promise<T>): Promise<T> {
    const end = this.commitSeconds.startTimer();
    try {
      const r = await commit();
      end();
      this.countSteps(match.id, match.game, match.actions.length);
      this.counted.delete(match.id);
      return r;
    } catch (e) {
      end();
      this.commitFailures.inc();
      throw e;
    }
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
