/** One line of the `POST /images/create` progress stream. */
export interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Totals over all layers of a pull so far. */
export interface PullSummary {
  layers: number;
  layersDone: number;
  bytesDone: number;
  /** Bytes of the layers whose size is known yet; it grows as downloads start. */
  bytesTotal: number;
}

interface Layer {
  current: number;
  total: number;
  done: boolean;
}

// Statuses that name a layer by its id (others, like "Pulling from …", name the tag).
const layerStatuses =
  /^(Pulling fs layer|Waiting|Downloading|Verifying Checksum|Download complete|Extracting|Pull complete|Already exists)/;
const downloaded =
  /^(Verifying Checksum|Download complete|Extracting|Pull complete|Already exists)/;
const finished = /^(Pull complete|Already exists)/;

/** Folds the pull progress stream into layer and byte totals for a progress bar. */
export class PullProgress {
  readonly #layers = new Map<string, Layer>();

  update(event: PullEvent): void {
    const { status, id } = event;
    if (!status || !id || !layerStatuses.test(status)) return;
    const layer = this.#layers.get(id) ?? { current: 0, total: 0, done: false };
    this.#layers.set(id, layer);
    const { current, total } = event.progressDetail ?? {};
    if (status === "Downloading" && typeof total === "number" && total > 0) {
      layer.total = total;
      layer.current = Math.min(current ?? 0, total);
    }
    if (downloaded.test(status)) layer.current = layer.total;
    if (finished.test(status)) layer.done = true;
  }

  get summary(): PullSummary {
    const layers = [...this.#layers.values()];
    return {
      layers: layers.length,
      layersDone: layers.filter((layer) => layer.done).length,
      bytesDone: layers.reduce((sum, layer) => sum + layer.current, 0),
      bytesTotal: layers.reduce((sum, layer) => sum + layer.total, 0),
    };
  }
}
