import { shortcuts, showKeys } from "../core/shortcuts.ts";
import { Dialog } from "../ui/Dialog.tsx";

const mac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keyboard shortcuts, listed from the same table the editor reads them from. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                {shortcut.keys.map((keys) => (
                  <kbd key={keys}>{showKeys(keys, mac)}</kbd>
                ))}
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Drag from the palette to add a node (or press its button), drag from a node's output to
        another node to connect them, and drag an edge's end to reconnect it.
      </p>
    </Dialog>
  );
}
