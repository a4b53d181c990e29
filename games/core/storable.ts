/**
 * What the store can hold. Every string that enters from outside (a bot's message, an action, a config,
 * an API body, path or query) ends up in PostgreSQL text or jsonb, which refuses two things that
 * JavaScript strings and JSON allow: the NUL character (U+0000) and unpaired UTF-16 surrogates
 * (PostgreSQL: "unsupported Unicode escape sequence"). A value carrying either is refused at the
 * boundary with SCHEMA, so it can never make a finished match fail to commit.
 */

/**
 * True when PostgreSQL can store this string (as text, or inside jsonb): no NUL and no unpaired UTF-16
 * surrogate. Uses the engine's native `String.prototype.isWellFormed` (ES2024, Node ≥ 20) rather than a
 * regular expression with a look-behind: actions are checked on every step of every validated match.
 */
export function storableString(s: string): boolean {
  return s.indexOf('\u0000') === -1 && (s as unknown as WellFormed).isWellFormed();
}

/** ES2024's String.prototype.isWellFormed; our `lib` is ES2023, Node 20's V8 has it. */
interface WellFormed {
  isWellFormed(): boolean;
}

/** True when every string (value or key) in a JSON-like value is storable. Allocation-free for flat values. */
export function isStorable(value: unknown): boolean {
  if (typeof value === 'string') return storableString(value);
  if (value === null || typeof value !== 'object') return true;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!storableString(v)) return false;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'object' && x !== null) stack.push(x);
        else if (typeof x === 'string' && !storableString(x)) return false;
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (!storableString(k)) return false;
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === 'object' && x !== null) stack.push(x);
        else if (typeof x === 'string' && !storableString(x)) return false;
      }
    }
  }
  return true;
}

/**
 * The path of the first string (value or object key) in a JSON-like value that the store cannot hold,
 * or undefined when every string is storable. Iterative, so arbitrarily deep input cannot overflow the stack.
 */
export function unstorablePath(value: unknown): (string | number)[] | undefined {
  if (isStorable(value)) return undefined;
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!storableString(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (!storableString(k)) return [...path, k];
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return undefined;
}

/** A message for the SCHEMA error of an unstorable string at `path`. */
export function unstorableMessage(what: string, path: (string | number)[]): string {
  const where = path.length ? ` at ${path.join('.')}` : '';
  return `${what}: text${where} contains NUL (\\u0000) or an unpaired UTF-16 surrogate, which cannot be stored`;
}
