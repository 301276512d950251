import { type NodeType, nodeTypes } from "@switchboard/engine/schema";

/** The drag data type a palette item carries: the node type to add. */
const MIME = "application/x-switchboard-node";

export function startPaletteDrag(transfer: DataTransfer, type: NodeType) {
  transfer.setData(MIME, type);
  transfer.effectAllowed = "copy";
}

/** Whether a drag comes from the palette (while dragging over, only the data's types can be read). */
export const isPaletteDrag = (transfer: DataTransfer) => transfer.types.includes(MIME);

/** The node type dropped from the palette, if any. */
export function readPaletteDrag(transfer: DataTransfer): NodeType | undefined {
  const value = transfer.getData(MIME);
  return (nodeTypes as string[]).includes(value) ? (value as NodeType) : undefined;
}
