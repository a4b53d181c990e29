/**
 * agents/llm — language-model players over the arena's text mode (docs/protocol.md § text mode): prompt
 * templates per game, reading an action out of a free-text answer, a bounded retry with a fallback to
 * the default action, and the OpenAI-compatible chat call. `ludus llm-bot` (cli/commands/llm-bot.ts)
 * wires them to the SDK.
 * May import: agents/llm/, agents/client/ (the SDK); no games, no server code (the arena parses the text).
 */
export { ChatError, openAiChat, type ChatAnswer, type ChatFn, type ChatRequest, type EndpointOptions } from './chat.ts';
export { extractAction, normaliseAction } from './extract.ts';
export { LlmPlayer, type Decision, type LlmPlayerOptions, type TextTurn } from './player.ts';
export { ANSWER_FORMAT, RULES, retryPrompt, systemPrompt, turnPrompt, type ChatMessage } from './prompts.ts';
