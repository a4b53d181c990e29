/**
 * `ludus teams [--file teams.json] [--validate] [--sample N] [--seed S] [--moves] [--json]`
 *  - no options: list VGC-lite's built-in sample pool (index, species; --moves for the full sets);
 *  - --sample N: N seeded random legal teams (the generator behind `teamSource: 'random'`);
 *  - --file F: read teams from JSON (one team, a list of teams, or {teams: [...]}) and validate them,
 *    printing every problem; exits 2 if any team is invalid (--validate only validates, prints no list).
 * A team is `[{species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark']}, ...]` (6 creatures).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Rng } from '../../games/core/rng.ts';
import { SAMPLE_POOL } from '../../games/vgc/pool.ts';
import { randomTeam, teamErrors, teamLines, toSpec, type TeamSpec } from '../../games/vgc/teams.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';

function readTeams(path: string): unknown[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && Array.isArray((raw as { teams?: unknown }).teams))
    return (raw as { teams: unknown[] }).teams;
  if (Array.isArray(raw) && raw.length > 0 && raw.every(Array.isArray)) return raw;
  if (Array.isArray(raw)) return [raw];
  throw new UsageError(`${path}: expected a team (a list of creatures), a list of teams, or {"teams": [...]}`);
}

function listing(teams: readonly TeamSpec[], moves: boolean): string {
  if (moves)
    return teams
      .map(
        (t, i) =>
          `#${i}\n${teamLines(t)
            .map((l) => `  ${l}`)
            .join('\n')}`,
      )
      .join('\n');
  return table(
    ['#', 'species'],
    teams.map((t, i) => [i, t.map((c) => c.species).join(', ')]),
  );
}

export function registerTeams(program: Command): void {
  program
    .command('teams')
    .description('VGC-lite teams: list the sample pool, generate seeded random teams, or validate a JSON file')
    .option('--file <path>', 'JSON file with one team, a list of teams, or {"teams": [...]}')
    .option('--validate', 'only validate the file (exit code 2 if a team is invalid)')
    .option('--sample <n>', 'generate N seeded random teams')
    .option('--seed <s>', 'seed for --sample (number or text)', '1')
    .option('--moves', 'print every creature with its moves')
    .option('--json', 'machine-readable output')
    .action((opts) =>
      guard(() => {
        if (opts.validate && !opts.file) throw new UsageError('--validate needs --file <path>');
        if (opts.file) {
          const teams = readTeams(opts.file);
          const report = teams.map((t, i) => ({ index: i, valid: teamErrors(t).length === 0, errors: teamErrors(t) }));
          const bad = report.filter((r) => !r.valid);
          if (opts.json) printJson({ file: opts.file, teams: report, valid: bad.length === 0 });
          else {
            for (const r of bad) for (const e of r.errors) process.stderr.write(`team ${r.index}: ${e}\n`);
            if (!opts.validate && bad.length === 0)
              process.stdout.write(listing(teams as TeamSpec[], !!opts.moves) + '\n');
            process.stdout.write(`${teams.length - bad.length}/${teams.length} team(s) valid\n`);
          }
          if (bad.length) process.exitCode = 2;
          return;
        }
        let teams: readonly TeamSpec[] = SAMPLE_POOL;
        if (opts.sample !== undefined) {
          const n = parseNumber('sample', opts.sample, { min: 1, max: 100_000, integer: true });
          const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
          const rng = Rng.seeded(seed);
          teams = Array.from({ length: n }, () => toSpec(randomTeam(rng)));
        }
        if (opts.json)
          return printJson(opts.sample !== undefined ? { seed: opts.seed, teams } : { pool: 'sample', teams });
        process.stdout.write(listing(teams, !!opts.moves) + '\n');
      }),
    );
}
