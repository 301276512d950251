/**
 * An attempt on a model that ran past its `retry.timeoutMs`. Retried like a connection error.
 *
 * @example
 * throw new ModelTimeoutError(30000);
 */
export class ModelTimeoutError extends Error {
  override readonly name = "ModelTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}
