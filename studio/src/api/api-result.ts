import type { FlowProblem } from "../core/problems.ts";

/** A failed request, as the runtime describes it: `{ code, message, problems? }` and the status. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  problems?: FlowProblem[];
}

/** A request's outcome as a value: the UI shows errors, it never catches them. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

type EdenResponse<T> = {
  data: T | null;
  error: { status: unknown; value: unknown } | null;
  status: number;
};

/** Whoever wants to hear about failures, e.g. to show the sign-in screen after a 401. */
export type OnApiError = (error: ApiError) => void;

/**
 * Runs an Eden request and reads its outcome: the data, or the runtime's error body, or a
 * network error, which Eden throws.
 */
export async function settle<T>(
  request: Promise<EdenResponse<T>>,
  onError?: OnApiError,
): Promise<ApiResult<NonNullable<T>>> {
  let error: ApiError;
  try {
    const response = await request;
    if (response.error === null && response.data !== null)
      return { ok: true, data: response.data as NonNullable<T> };
    error = describeFailure(response.status, response.error?.value);
  } catch (cause) {
    error = {
      status: 0,
      code: "network_error",
      message: `The server could not be reached (${(cause as Error).message}). Your edits are kept; try again.`,
    };
  }
  onError?.(error);
  return { ok: false, error };
}

function describeFailure(status: number, value: unknown): ApiError {
  const body = (value ?? {}) as Partial<ApiError>;
  return {
    status,
    code: typeof body.code === "string" ? body.code : "error",
    message:
      typeof body.message === "string"
        ? body.message
        : `The server answered with status ${status}.`,
    ...(Array.isArray(body.problems) ? { problems: body.problems } : {}),
  };
}

/** A failure as one sentence, with the first problems of a flow that does not validate. */
export function describeApiError(error: ApiError): string {
  const problems = error.problems ?? [];
  if (problems.length === 0) return error.message;
  const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
  return `The flow has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${shown.join(" ")}${more}`;
}
