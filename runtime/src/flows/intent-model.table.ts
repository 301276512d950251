/** A trained intent model, keyed by the hash of the intents and language it was trained on. */
export interface IntentModelTable {
  key: string;
  bytes: Uint8Array;
  createdAt: string;
}
