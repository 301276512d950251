import type { ProviderName } from "../../schema/catalog.ts";
import type { ModelProvider } from "../model.ts";
import { localProvider } from "./local.ts";
import { scriptedProvider } from "./scripted.ts";

/** One provider per catalog `provider` value; adding a provider without one fails the type check. */
export const modelProviders = {
  local: localProvider,
  scripted: scriptedProvider,
} satisfies { [P in ProviderName]: ModelProvider<P> };
