import type { WidgetSettings } from "../../../runtime/src/api-types.ts";

/**
 * The web chat page as the flow's widget shows it, with settings not saved yet: the page reads
 * them from its parameters as embed.js passes a page's `data-*` attributes.
 *
 * @example previewUrl("sales", { welcome: "Hi!" }) // "/?embed=1&flow=sales&welcome=Hi%21"
 */
export function previewUrl(flowId: string, settings: WidgetSettings): string {
  const query = new URLSearchParams({ embed: "1", flow: flowId });
  if (settings.title) query.set("title", settings.title);
  if (settings.welcome) query.set("welcome", settings.welcome);
  for (const text of settings.quickStarts ?? []) if (text.trim()) query.append("quick", text);
  if (settings.accent) query.set("accent", settings.accent);
  if (settings.accentText) query.set("accentText", settings.accentText);
  if (settings.theme) query.set("theme", settings.theme);
  if (settings.language) query.set("lang", settings.language);
  return `/?${query}`;
}

/** What a site pastes to show the flow's widget, with its saved settings. */
export function embedSnippet(origin: string, flowId: string): string {
  return `<script src="${origin}/embed.js" data-flow="${flowId}" async></script>`;
}
