import { useEffect, useState } from "react";
import type { StaffApi } from "../api/staff-api.ts";

/** How often the dead letters' screen and the staff nav's count look again. */
export const DEAD_LETTERS_REFRESH_MS = 10_000;

/**
 * How many WhatsApp messages could not be sent, looked up now and every few seconds while
 * `enabled` (an admin's: no other role may list them); 0 until known or when the lookup fails.
 */
export function useDeadLetterCount(staff: StaffApi, enabled: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const look = () =>
      staff.failedDeliveries().then(
        (items) => setCount(items.length),
        () => setCount(0),
      );
    void look();
    const timer = setInterval(() => void look(), DEAD_LETTERS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [staff, enabled]);
  return count;
}
