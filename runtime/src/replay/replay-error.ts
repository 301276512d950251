/** Why a replay could not use its recordings for a call; the node it happened in takes its error branch. */
export class ReplayMissError extends Error {
  override readonly name = "ReplayMissError";
}
