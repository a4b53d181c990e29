/**
 * Reading an action out of a model's free-text answer: the last `ACTION: …` line if there is one, else
 * the last non-empty line; quotes, backticks, bold markers and a trailing full stop are stripped. When
 * the turn lists its legal actions, the candidate must be one of them, compared without case and with
 * whitespace collapsed, and the legal spelling is returned; otherwise (continuous games) the candidate
 * goes to the arena's parser as it is.
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
  candidate = clean(candidate ?? lines[lines.length - 1]!);
  if (!candidate) return { text: null, why: 'no action found in the answer' };
  if (!legalText || legalText.length === 0) return { text: candidate };
  const want = normaliseAction(candidate);
  const hit = legalText.find((a) => normaliseAction(a) === want);
  if (hit !== undefined) return { text: hit };
  return { text: null, why: `${JSON.stringify(candidate.slice(0, 80))} is not one of the legal actions` };
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
