import { useCallback, useRef } from "react";

/**
 * Undo steps for typing: keystrokes in one field merge into one step until the user moves to
 * another field (or back to the same one), which starts a new step.
 *
 * @example
 * const { stepKey, onFocusCapture } = useTypingSteps();
 * editor.edit(change, stepKey(pointer));
 */
export function useTypingSteps() {
  const visit = useRef(0);
  const onFocusCapture = useCallback(() => {
    visit.current += 1;
  }, []);
  const stepKey = useCallback((pointer: string) => `${pointer}#${visit.current}`, []);
  return { stepKey, onFocusCapture };
}
