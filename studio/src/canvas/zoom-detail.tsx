import { useStore } from "@xyflow/react";
import { type RefObject, useEffect } from "react";

/**
 * Below this zoom the canvas' smallest text (13 px) would read under 9.6 px, so nodes show
 * their titles only, drawn large enough to stay readable (see `.canvas.far` in styles.css).
 */
const FAR_ZOOM = 0.74;

/**
 * Gives the canvas element the zoom as a CSS variable and a `far` class below `FAR_ZOOM`:
 * the stylesheet scales and hides text from them, so zooming redraws no node in React.
 */
export function ZoomDetail({ canvas }: { canvas: RefObject<HTMLDivElement | null> }) {
  const zoom = useStore((store) => store.transform[2]);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    element.style.setProperty("--zoom", String(zoom));
    element.classList.toggle("far", zoom < FAR_ZOOM);
  }, [canvas, zoom]);
  return null;
}
