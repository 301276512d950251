/** What a keyboard shortcut does in the editor. */
export type ShortcutAction =
  | "undo"
  | "redo"
  | "copy"
  | "paste"
  | "duplicate"
  | "delete"
  | "selectAll"
  | "save"
  | "layout"
  | "fitView"
  | "help";

export interface Shortcut {
  action: ShortcutAction;
  keys: string[];
  description: string;
}

/** Every shortcut, in the order the help dialog lists them. "Mod" is Ctrl (⌘ on a Mac). */
export const shortcuts: Shortcut[] = [
  { action: "undo", keys: ["Mod+Z"], description: "Undo" },
  { action: "redo", keys: ["Mod+Shift+Z", "Mod+Y"], description: "Redo" },
  { action: "copy", keys: ["Mod+C"], description: "Copy the selected nodes" },
  { action: "paste", keys: ["Mod+V"], description: "Paste nodes" },
  { action: "duplicate", keys: ["Mod+D"], description: "Duplicate the selected nodes" },
  { action: "delete", keys: ["Delete", "Backspace"], description: "Delete the selection" },
  { action: "selectAll", keys: ["Mod+A"], description: "Select every node" },
  { action: "save", keys: ["Mod+S"], description: "Save the draft" },
  { action: "layout", keys: ["Shift+L"], description: "Lay the flow out automatically" },
  { action: "fitView", keys: ["Shift+F"], description: "Zoom to fit" },
  { action: "help", keys: ["?"], description: "Show these shortcuts" },
];

/** The parts of a keyboard event a shortcut is matched on. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function keysOf(press: KeyPress): string {
  const key = press.key.length === 1 ? press.key.toUpperCase() : press.key;
  if (key === "?") return "?";
  const mod = press.ctrlKey || press.metaKey ? "Mod+" : "";
  return `${mod}${press.shiftKey ? "Shift+" : ""}${press.altKey ? "Alt+" : ""}${key}`;
}

/**
 * The action a key press triggers, if any.
 *
 * @example
 * shortcutFor({ key: "z", ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }) // "redo"
 */
export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  const pressed = keysOf(press);
  return shortcuts.find((shortcut) => shortcut.keys.includes(pressed))?.action;
}

/** How a shortcut's keys read on this platform. */
export function showKeys(keys: string, mac: boolean): string {
  return keys.replace("Mod", mac ? "⌘" : "Ctrl");
}
