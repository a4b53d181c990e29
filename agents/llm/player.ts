/**
 * A language-model player: turns a text-mode turn into a chat request (prompts.ts), reads the action out
 * of the answer (extract.ts), asks again with a correction when it names no legal action (at most
 * `maxAttempts` answers in all), and falls back to the game's default action (`defaultText` of the turn)
 * when none did. Every decision comes with its transcript — the messages of the last request, the last
 * answer, the number of attempts, whether it fell back, the wall time and the token counts summed over
 * the attempts — which the bot sends with its action so the arena stores it with the match.
 *
 * A failing endpoint (network, HTTP error) counts as an attempt without an answer; the player never throws.
 */
import type { Transcript } from '../client/messages.ts';
import type { ChatAnswer, ChatFn } from './chat.ts';
import { extractAction } from './extract.ts';
import { retryPrompt, systemPrompt, turnPrompt, type ChatMessage } from './prompts.ts';

export interface LlmPlayerOptions {
  chat: ChatFn;
  model: string;
  game: string;
  seat: number;
  /** Answers asked for per turn before falling back (default 3: the first and two retries). */
  maxAttempts?: number;
  temperature?: number;
  maxTokens?: number;
  log?: (line: string) => void;
}

/** What the player reads from a turn (the text-mode fields of the protocol's `turn`). */
export interface TextTurn {
  step: number;
  text?: string;
  legalText?: string[];
  defaultText?: string;
  reward?: number;
}

export interface Decision {
  /** The action in the game's text form (sent as `action.text`). */
  text: string;
  transcript: Transcript;
}

export class LlmPlayer {
  private readonly system: string;

  constructor(private readonly opts: LlmPlayerOptions) {
    this.system = systemPrompt(opts.game, opts.seat);
  }

  async decide(turn: TextTurn): Promise<Decision> {
    const o = this.opts;
    const max = Math.max(1, o.maxAttempts ?? 3);
    const messages: ChatMessage[] = [
      { role: 'system', content: this.system },
      { role: 'user', content: turnPrompt(turn) },
    ];
    let promptTokens: number | undefined;
    let completionTokens: number | undefined;
    let latencyMs = 0;
    let last = '';
    let sent: ChatMessage[] = messages;
    for (let attempt = 1; attempt <= max; attempt++) {
      sent = [...messages];
      let answer: ChatAnswer;
      try {
        answer = await o.chat({
          model: o.model,
          messages: sent,
          ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
          ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
        });
      } catch (e) {
        o.log?.(`step ${turn.step}, attempt ${attempt}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      latencyMs += answer.ms;
      if (answer.promptTokens !== undefined) promptTokens = (promptTokens ?? 0) + answer.promptTokens;
      if (answer.completionTokens !== undefined) completionTokens = (completionTokens ?? 0) + answer.completionTokens;
      last = answer.content;
      const got = extractAction(answer.content, turn.legalText);
      const base = { prompt: sent, completion: last, model: o.model, attempts: attempt, latencyMs };
      const tokens = {
        ...(promptTokens !== undefined ? { promptTokens } : {}),
        ...(completionTokens !== undefined ? { completionTokens } : {}),
      };
      if (got.text !== null) return { text: got.text, transcript: { ...base, ...tokens } };
      messages.push(
        { role: 'assistant', content: answer.content },
        { role: 'user', content: retryPrompt(got.why, turn.legalText) },
      );
    }
    const fallback = turn.defaultText ?? turn.legalText?.[0] ?? '';
    o.log?.(`step ${turn.step}: no usable answer in ${max} attempts; playing the default ${JSON.stringify(fallback)}`);
    return {
      text: fallback,
      transcript: {
        prompt: sent,
        completion: last,
        model: o.model,
        attempts: max,
        fallback: true,
        latencyMs,
        ...(promptTokens !== undefined ? { promptTokens } : {}),
        ...(completionTokens !== undefined ? { completionTokens } : {}),
      },
    };
  }
}
