/** One of the team's canned replies: a text an agent picks instead of typing it. */
export interface CannedReplyTable {
  id: string;
  /** Where it shows among the others, from 0. */
  position: number;
  text: string;
  /** Who last changed the list, and when. */
  updatedBy: string;
  updatedAt: string;
}
