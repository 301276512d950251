import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { BoundChannel } from "./channel-binding.table.ts";
import type { WidgetSettings } from "./widget-settings.ts";

/** A flow's web widget. */
export interface Widget {
  flowId: string;
  settings: WidgetSettings;
  updatedAt: string;
}

const widgetId = (flowId: string) => `web:${flowId}`;

/** The flows the API and WhatsApp are bound to, where they are. */
export async function listChannelFlows(
  db: Kysely<Tables>,
): Promise<{ channel: BoundChannel; flowId: string; updatedAt: string }[]> {
  const rows = await db
    .selectFrom("channelBindings")
    .select(["channel", "flowId", "updatedAt"])
    .where("channel", "!=", "web")
    .execute();
  return rows as { channel: BoundChannel; flowId: string; updatedAt: string }[];
}

export async function findChannelFlow(
  db: Kysely<Tables>,
  channel: BoundChannel,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("channelBindings")
    .select("flowId")
    .where("id", "=", channel)
    .executeTakeFirst();
  return row?.flowId;
}

export async function bindChannel(
  db: Kysely<Tables>,
  channel: BoundChannel,
  flowId: string,
): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db
    .insertInto("channelBindings")
    .values({ id: channel, channel, flowId, settings: null, updatedAt })
    .onConflict((oc) => oc.column("id").doUpdateSet({ flowId, updatedAt }))
    .execute();
}

/** @returns false when the channel was not bound. */
export async function unbindChannel(db: Kysely<Tables>, channel: BoundChannel): Promise<boolean> {
  const result = await db
    .deleteFrom("channelBindings")
    .where("id", "=", channel)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listWidgets(db: Kysely<Tables>): Promise<Widget[]> {
  const rows = await db
    .selectFrom("channelBindings")
    .select(["flowId", "settings", "updatedAt"])
    .where("channel", "=", "web")
    .orderBy("flowId")
    .execute();
  return rows.map(toWidget);
}

export async function findWidget(db: Kysely<Tables>, flowId: string): Promise<Widget | undefined> {
  const row = await db
    .selectFrom("channelBindings")
    .select(["flowId", "settings", "updatedAt"])
    .where("id", "=", widgetId(flowId))
    .executeTakeFirst();
  return row && toWidget(row);
}

export async function saveWidget(
  db: Kysely<Tables>,
  flowId: string,
  settings: WidgetSettings,
): Promise<Widget> {
  const updatedAt = new Date().toISOString();
  const json = JSON.stringify(settings);
  await db
    .insertInto("channelBindings")
    .values({ id: widgetId(flowId), channel: "web", flowId, settings: json, updatedAt })
    .onConflict((oc) => oc.column("id").doUpdateSet({ settings: json, updatedAt }))
    .execute();
  return { flowId, settings, updatedAt };
}

/** @returns false when the flow had no widget. */
export async function deleteWidget(db: Kysely<Tables>, flowId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("channelBindings")
    .where("id", "=", widgetId(flowId))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function toWidget(row: { flowId: string; settings: string | null; updatedAt: string }): Widget {
  return {
    flowId: row.flowId,
    settings: row.settings ? (JSON.parse(row.settings) as WidgetSettings) : {},
    updatedAt: row.updatedAt,
  };
}
