import { type RawBuilder, sql } from "kysely";

/** The column types that differ between the dialects; migrations take them as an argument. */
export interface ColumnTypes {
  bytes: "blob" | "bytea";
  /**
   * Text compared byte by byte: checkpoint ids sort by time only in that order, and PostgreSQL's
   * default collation may follow the locale instead.
   */
  key: "text" | RawBuilder<unknown>;
}

export function columnTypesFor(dialect: "sqlite" | "postgres"): ColumnTypes {
  return dialect === "postgres"
    ? { bytes: "bytea", key: sql`text collate "C"` }
    : { bytes: "blob", key: "text" };
}
