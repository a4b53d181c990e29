/**
 * Reading an action out of a model's free-text answer: the last `ACTION: …` line if there is one, else
 * the last non-empty line; quotes, backticks, bold markers and a trailing full stop are stripped. When
 * the turn lists its legal actions, the candidate must be one of them, compared without case and with
 * whitespace collapsed, and the legal spelling is returned; a legal text ending in ': ' (`say: `) is a
 * free-text action, and the answer's message after that prefix is kept as written (punctuation and case
 * included). Otherwise (continuous games) the candidate goes to the arena's parser as it is.
 */

/** Lower case, whitespace collapsed, for comparing an answer with the legal texts. */
export function normaliseAction(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The action text a model's answer names, or null with the reason. */
export function extractAction(
  answer: string,
  legalText?: readonly string[],
): { text: string; why?: undefined } | { text: null; why: string } {
  const lines = answer
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length === 0) return { text: null, why: 'the answer is empty' };
  let candidate: string | undefined;
  for (let i = lines.length - 1; i >= 0 && candidate === undefined; i--) {
    const m = /^[*_`\s]*action\s*[:=]\s*(.+)$/i.exec(lines[i]!);
    if (m) candidate = m[1];
  }
  const raw = candidate ?? lines[lines.length - 1]!;
  candidate = clean(raw);
  if (!candidate) return { text: null, why: 'no action found in the answer' };
  if (!legalText || legalText.length === 0) return { text: candidate };
  const want = normaliseAction(candidate);
  const hit = legalText.find((a) => normaliseAction(a) === want);
  if (hit !== undefined) return { text: hit };
  // A free-text action: a legal text that ends with ': ' (`say: ` in cheap talk and Trust-and-Split) stands
  // for "this prefix, then a message of your own". The message keeps its own punctuation and case; only
  // markdown around the whole answer and a pair of quotes around the message are removed.
  for (const a of legalText) {
    if (!a.endsWith(': ')) continue;
    const head = a.slice(0, -2).trim().split(/\s+/).map(escapeRegExp).join('\\s+');
    const m = new RegExp(`^${head}\\s*:\\s?([\\s\\S]*)$`, 'i').exec(raw.replace(/^[*_`\s]+|[*_`\s]+$/g, ''));
    if (m) return { text: a + unquote(m[1]!) };
  }
  return { text: null, why: `${JSON.stringify(candidate.slice(0, 80))} is not one of the legal actions` };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message wrapped in one pair of matching quotes loses them ("…" or '…' or “…”). */
function unquote(s: string): string {
  const t = s.trim();
  const pairs: Record<string, string> = { '"': '"', "'": "'", '“': '”' };
  const close = pairs[t[0] ?? ''];
  return close !== undefined && t.length >= 2 && t.endsWith(close) ? t.slice(1, -1) : t;
}

/** Strip quotes, backticks, bold markers and trailing full stops, in any nesting (`` `d`. `` → `d`). */
function clean(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.replace(/^[*_`"'\s]+|[*_`"'\s.]+$/g, '');
  } while (s !== prev);
  return s;
}
