import { createContext, useContext } from "react";
import type { StudioApi } from "../api/studio-api.ts";

export const ApiContext = createContext<StudioApi | undefined>(undefined);

/** The runtime's API, for the signed-in admin. */
export function useStudioApi(): StudioApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useStudioApi is used outside of the signed-in app");
  return api;
}
