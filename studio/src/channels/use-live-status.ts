import { useCallback, useEffect, useState } from "react";
import type { ChannelsOverview } from "../../../runtime/src/api-types.ts";
import { useStudioApi } from "../app/api-context.tsx";
import { describeLive } from "./live-places.ts";

/** A flow's published version, the channels' bindings, and one line saying where it is live. */
export interface LiveStatus {
  published: number | null;
  overview: ChannelsOverview | undefined;
  text: string;
  /** Reads them again, after a publish or a binding changed. */
  reload: () => Promise<void>;
}

/** @example const live = useLiveStatus("support"); <span>{live.text}</span> */
export function useLiveStatus(flowId: string): LiveStatus {
  const api = useStudioApi();
  const [published, setPublished] = useState<number | null>(null);
  const [overview, setOverview] = useState<ChannelsOverview>();

  const reload = useCallback(async () => {
    const [flows, channels] = await Promise.all([api.listFlows(), api.channels.overview()]);
    if (flows.ok) setPublished(flows.data.find((f) => f.id === flowId)?.publishedVersion ?? null);
    if (channels.ok) setOverview(channels.data);
  }, [api, flowId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { published, overview, text: describeLive(flowId, published, overview), reload };
}
