import type { Static } from "@sinclair/typebox";
import { t as T } from "elysia";

const Colour = T.String({ pattern: "^#[0-9a-fA-F]{6}$", description: "a colour like #2563eb" });

/**
 * How a flow's web widget looks and greets: every field optional, the page's defaults apply.
 * `data-*` attributes of the embed script override them per page.
 */
export const WidgetSettings = T.Object(
  {
    title: T.Optional(T.String({ maxLength: 80 })),
    /** Shown as the bot's first message before the user types; not stored in the chat. */
    welcome: T.Optional(T.String({ maxLength: 1000 })),
    /** Buttons under the welcome message that send their text. */
    quickStarts: T.Optional(T.Array(T.String({ minLength: 1, maxLength: 80 }), { maxItems: 6 })),
    accent: T.Optional(Colour),
    accentText: T.Optional(Colour),
    position: T.Optional(T.UnionEnum(["right", "left"])),
    icon: T.Optional(T.UnionEnum(["chat", "help", "spark"])),
    theme: T.Optional(T.UnionEnum(["light", "dark", "auto"])),
    /** The language of the widget's own words (placeholder, buttons); BCP 47, e.g. `es`. */
    language: T.Optional(T.String({ pattern: "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$" })),
  },
  { additionalProperties: false },
);

export type WidgetSettings = Static<typeof WidgetSettings>;
