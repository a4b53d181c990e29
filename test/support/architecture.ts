/**
 * The layering rules of the repository as data, and a checker that reads every source file's imports
 * (static, re-exports and dynamic `import()`) with the TypeScript parser. test/architecture.test.ts
 * runs it; the folder READMEs say the same in words ("May import: …").
 *
 * A rule names a folder (or file) by path prefix; the most specific prefix applies. An import is
 * allowed when its target starts with one of the rule's `allow` prefixes, or, for imports that are
 * erased at runtime (`import type`, or every named binding `type`), one of its `types` prefixes.
 * Bare package imports are not checked here, except `node:` built-ins inside games/ (engines do no I/O).
 */
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface LayerRule {
  /** What the layer may import at runtime (path prefixes from the repository root). */
  allow: readonly string[];
  /** What it may import only as types (erased at runtime). */
  types?: readonly string[];
  /** Why the exception exists, for the error message. */
  note?: string;
}

/**
 * The game families: every folder of games/ but core. Read from the tree, so that a new game
 * (docs/adding-a-game.md) gets the same rules as the others without editing this table.
 */
const FAMILIES = readdirSync(join(resolve(import.meta.dirname, '../..'), 'games'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'core')
  .map((d) => d.name);

/** The table: folder or file prefix → rule. */
export const LAYERS: Readonly<Record<string, LayerRule>> = {
  // Engines: pure, no server, no agents, no I/O.
  'games/core/': { allow: ['games/core/'] },
  ...Object.fromEntries(FAMILIES.map((f) => [`games/${f}/`, { allow: ['games/core/', `games/${f}/`] }])),
  'games/index.ts': { allow: ['games/'] },

  // Agents: games below them, never the server (except the shared type contracts).
  'agents/core/': { allow: ['games/core/', 'agents/core/'] },
  ...Object.fromEntries(
    FAMILIES.map((f) => [`agents/${f}/`, { allow: ['games/core/', `games/${f}/`, 'agents/core/', `agents/${f}/`] }]),
  ),
  ...Object.fromEntries(
    FAMILIES.map((f) => [
      `agents/${f}/analysis/`,
      { allow: ['games/core/', `games/${f}/`, 'agents/core/', `agents/${f}/`, 'agents/eval/', 'agents/registry.ts'] },
    ]),
  ),
  'agents/registry.ts': { allow: ['games/', 'agents/core/', ...FAMILIES.map((f) => `agents/${f}/`)] },
  'agents/eval/': { allow: ['games/core/', 'agents/core/', 'agents/eval/', 'agents/registry.ts'] },
  'agents/policy/': { allow: ['games/core/', 'agents/core/', 'agents/policy/'], types: ['server/contracts.ts'] },
  // The one door from policies to a game's feature encoder (a checkpoint names the encoder it reads its input with).
  'agents/policy/encoders.ts': {
    allow: [
      'games/core/',
      'agents/core/',
      'agents/policy/',
      ...FAMILIES.map((f) => `games/${f}/`),
      ...FAMILIES.map((f) => `agents/${f}/features.ts`),
    ],
    note: 'feature encoders of learned policies live with their game family (agents/<family>/features.ts)',
  },
  'agents/train/': {
    allow: ['games/', 'agents/core/', 'agents/eval/', 'agents/policy/', 'agents/registry.ts', 'agents/train/'],
    types: ['server/contracts.ts'],
  },
  // Attacks: a PPO adversary (agents/train) against any agent, measured against the exact analyses.
  'agents/adversary/': { allow: ['games/', 'agents/'], types: ['server/contracts.ts'] },
  // Experiments are report programs over everything agents/ has (analysis included).
  'agents/train/experiments/': { allow: ['games/', 'agents/'], types: ['server/contracts.ts'] },
  'agents/client/': {
    allow: ['agents/client/'],
    types: ['server/live/protocol.ts', 'server/contracts.ts', 'games/core/types.ts'],
    note: 'the SDK shares the protocol types, which are erased at runtime: it runs on ws alone',
  },
  'agents/llm/': {
    allow: ['agents/llm/', 'agents/client/'],
    note: 'language-model players speak text to the arena; the arena parses it, so they need no game code',
  },
  'agents/examples/': { allow: ['agents/examples/'], note: 'examples are copied out of the repo with their shell' },

  // Server: contracts at the bottom; store and live never import the API; the API is the top.
  'server/contracts.ts': { allow: ['games/core/'] },
  'server/errors.ts': {
    allow: ['games/core/', 'agents/tournament/spec.ts'],
    note: "the pure layers' typed errors become arena codes here",
  },
  // Metrics: fed by live play and the boot, served by the API.
  'server/metrics.ts': { allow: ['server/contracts.ts'] },
  'server/auth-failures.ts': { allow: [] },
  'server/config.ts': { allow: ['games/core/', 'server/'] },
  'server/catalog.ts': { allow: ['games/', 'agents/core/', 'agents/registry.ts'], types: ['server/store/'] },
  'server/play-limits.ts': { allow: ['server/errors.ts'] },
  'server/store/': {
    allow: ['server/store/', 'server/contracts.ts', 'server/errors.ts', 'games/core/', 'agents/eval/'],
  },
  'server/live/': {
    allow: [
      'server/live/',
      'server/catalog.ts',
      'server/play-limits.ts',
      'server/contracts.ts',
      'server/errors.ts',
      'server/metrics.ts',
      'server/auth-failures.ts',
      'games/',
      'agents/core/',
      'agents/registry.ts',
    ],
  },
  'server/league/': {
    allow: [
      'server/league/',
      'server/store/',
      'server/live/',
      'server/catalog.ts',
      'server/contracts.ts',
      'server/errors.ts',
      'games/',
      'agents/core/',
      'agents/registry.ts',
      'agents/policy/',
    ],
  },
  // Hosted tournaments: state in the store, games through the match service, jobs on the durable queue.
  'server/tournament/': {
    allow: [
      'server/tournament/',
      'server/store/',
      'server/live/',
      'server/league/',
      'server/catalog.ts',
      'server/contracts.ts',
      'server/errors.ts',
      'games/',
      'agents/',
    ],
  },
  // Adversarial evaluations: attack jobs on the tournaments' durable queue, state in the store, the
  // attack itself (agents/adversary) in a worker thread, arena evaluations through the match service.
  'server/evaluation/': {
    allow: [
      'server/evaluation/',
      'server/tournament/queue.ts',
      'server/store/',
      'server/live/',
      'server/league/',
      'server/catalog.ts',
      'server/contracts.ts',
      'server/errors.ts',
      'games/',
      'agents/',
    ],
  },
  'server/api/': {
    allow: [
      'server/api/',
      'server/evaluation/',
      'server/tournament/',
      'server/store/',
      'server/live/',
      'server/league/',
      'server/catalog.ts',
      'server/play-limits.ts',
      'server/contracts.ts',
      'server/errors.ts',
      'server/metrics.ts',
      'server/auth-failures.ts',
      'games/',
      'agents/',
    ],
  },
  'server/main.ts': { allow: ['server/', 'games/', 'agents/'] },
  'server/ui.ts': { allow: ['server/'] },

  // The web app: engines for rendering, server types only.
  'arena-ui/src/': {
    allow: ['arena-ui/src/', 'games/'],
    types: ['server/contracts.ts', 'server/live/protocol.ts', 'server/api/schemas.ts', 'agents/tournament/'],
  },

  // Programs on top: anything but the tests.
  'cli/': { allow: ['cli/', 'games/', 'agents/', 'server/'] },
  'bench/': {
    allow: ['bench/', 'games/', 'agents/', 'server/', 'node_modules/'],
    note: 'benches measure the product, never test code',
  },
  'scripts/': { allow: ['scripts/', 'games/', 'agents/', 'server/'] },
};

/** The folders the checker reads. test/ may import anything and is not checked. */
export const CHECKED_ROOTS = ['games', 'agents', 'server', 'arena-ui/src', 'cli', 'bench', 'scripts'] as const;

export interface Violation {
  file: string;
  line: number;
  target: string;
  typeOnly: boolean;
  rule: string;
}

/** The rule for a file: the longest matching prefix, or undefined (unchecked). */
export function ruleFor(file: string): [string, LayerRule] | undefined {
  let best: [string, LayerRule] | undefined;
  for (const [prefix, rule] of Object.entries(LAYERS)) {
    if (file.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, rule];
  }
  return best;
}

interface Import {
  spec: string;
  line: number;
  typeOnly: boolean;
}

/** Every module specifier a source file imports, with whether the import is erased at runtime. */
export function importsOf(fileName: string, source: string): Import[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly =
        !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      out.push({ spec: node.moduleSpecifier.text, line: line(node), typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      const typeOnly = node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly));
      out.push({ spec: node.moduleSpecifier.text, line: line(node), typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) out.push({ spec: arg.text, line: line(node), typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push({ spec: node.argument.literal.text, line: line(node), typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Check one file (path relative to `root`); returns its violations. */
export function checkFile(root: string, file: string, source = readFileSync(join(root, file), 'utf8')): Violation[] {
  const found = ruleFor(file);
  if (!found) return [];
  const [prefix, rule] = found;
  const out: Violation[] = [];
  for (const imp of importsOf(file, source)) {
    if (imp.spec.startsWith('node:') && file.startsWith('games/')) {
      out.push({ file, line: imp.line, target: imp.spec, typeOnly: imp.typeOnly, rule: prefix });
      continue;
    }
    if (!imp.spec.startsWith('.')) continue;
    const target = relative(root, resolve(root, dirname(file), imp.spec));
    const ok =
      rule.allow.some((p) => target.startsWith(p)) ||
      (imp.typeOnly && (rule.types ?? []).some((p) => target.startsWith(p)));
    if (!ok) out.push({ file, line: imp.line, target, typeOnly: imp.typeOnly, rule: prefix });
  }
  return out;
}

/** Check every file under the checked roots. */
export function checkRepository(root: string): Violation[] {
  return CHECKED_ROOTS.flatMap((r) => walk(join(root, r)).map((f) => relative(root, f))).flatMap((f) =>
    checkFile(root, f),
  );
}

export function describeViolation(v: Violation): string {
  const rule = LAYERS[v.rule]!;
  return `${v.file}:${v.line} imports ${v.target}${v.typeOnly ? ' (types only)' : ''}, which ${v.rule} may not import (allowed: ${rule.allow.join(', ')}${rule.types ? `; types only: ${rule.types.join(', ')}` : ''})`;
}
