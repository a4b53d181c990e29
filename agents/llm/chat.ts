/**
 * One call to an OpenAI-compatible chat-completions endpoint (`POST {base}/chat/completions`, the shape
 * OpenAI, vLLM, llama.cpp's server, Ollama and LM Studio all serve), with Node's own fetch.
 *
 * Request: `{model, messages, temperature?, max_tokens?}`. Answer read: `choices[0].message.content`,
 * and `usage.prompt_tokens` / `usage.completion_tokens` when the endpoint reports them.
 * Failures (network, timeout, non-2xx, a body without a message) throw `ChatError`.
 */
import type { ChatMessage } from './prompts.ts';

export interface ChatRequest {
  model: string;
  messages: readonly ChatMessage[];
  temperature?: number;
  maxTokens?: number;
}

export interface ChatAnswer {
  content: string;
  /** Token counts from the endpoint's `usage`, when present. */
  promptTokens?: number;
  completionTokens?: number;
  /** Wall time of the call (ms). */
  ms: number;
}

/** What the player needs: anything that answers a chat request (the HTTP client below, or a test double). */
export type ChatFn = (req: ChatRequest) => Promise<ChatAnswer>;

export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface EndpointOptions {
  /** Base URL, e.g. `http://127.0.0.1:8000/v1` (`/chat/completions` is appended). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when given. */
  apiKey?: string;
  /** Per-call timeout (default 60 s). */
  timeoutMs?: number;
}

/** A ChatFn that calls an OpenAI-compatible endpoint over HTTP. */
export function openAiChat(opts: EndpointOptions): ChatFn {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async (req) => {
    const t0 = performance.now();
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: req.model,
          messages: req.messages,
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
        }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
      });
    } catch (e) {
      throw new ChatError(`cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const body = (await res.json().catch(() => undefined)) as
      | {
          choices?: { message?: { content?: unknown } }[];
          usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
          error?: { message?: unknown };
        }
      | undefined;
    if (!res.ok)
      throw new ChatError(
        `${url} answered ${res.status}: ${String(body?.error?.message ?? res.statusText)}`,
        res.status,
      );
    const content = body?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new ChatError(`${url} answered without choices[0].message.content`);
    const answer: ChatAnswer = { content, ms: performance.now() - t0 };
    const u = body?.usage;
    if (typeof u?.prompt_tokens === 'number') answer.promptTokens = u.prompt_tokens;
    if (typeof u?.completion_tokens === 'number') answer.completionTokens = u.completion_tokens;
    return answer;
  };
}
