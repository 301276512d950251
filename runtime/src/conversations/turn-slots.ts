/** A fixed number of turns that may run or wait at once; past that, callers refuse at once. */
export interface TurnSlots {
  readonly inUse: number;
  /** Takes a slot; false when none is free. */
  tryTake(): boolean;
  release(): void;
}

/** @example const slots = createTurnSlots(64); if (!slots.tryTake()) refuse(); */
export function createTurnSlots(max: number): TurnSlots {
  let inUse = 0;
  return {
    get inUse() {
      return inUse;
    },
    tryTake() {
      if (inUse >= max) return false;
      inUse += 1;
      return true;
    },
    release() {
      inUse = Math.max(0, inUse - 1);
    },
  };
}
