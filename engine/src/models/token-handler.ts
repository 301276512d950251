import { BaseCallbackHandler } from "@langchain/core/callbacks/base";

/**
 * Hands a chat model's streamed tokens to `onToken` as they arrive. A chat model's `invoke`
 * streams the request when one of its handlers prefers streaming, and then only dispatches each
 * token, where iterating `stream()` sets up LangChain's callbacks again for every chunk: a cost
 * that grows with the answer's length once the call has callbacks of its own (tracing).
 *
 * @example
 * await chat.invoke(prompt, { callbacks: [new TokenHandler((delta) => send(delta))] });
 */
export class TokenHandler extends BaseCallbackHandler {
  readonly name = "switchboard_tokens";
  readonly lc_prefer_streaming = true;
  readonly #onToken: (token: string) => void;

  constructor(onToken: (token: string) => void) {
    super();
    this.#onToken = onToken;
    // Inline, so every token is out before the call returns, and in order.
    this.awaitHandlers = true;
  }

  override handleLLMNewToken(token: string): void {
    this.#onToken(token);
  }
}
