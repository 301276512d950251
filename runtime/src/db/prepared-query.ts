import type { Compilable, CompiledQuery, DialectAdapter, Kysely } from "kysely";
import type { Tables } from "./tables.ts";

/** Stands for one value in a query built once: where to find it in the values of each run. */
class Placeholder {
  constructor(readonly path: readonly (string | number)[]) {}
}

interface Prepared {
  compiled: CompiledQuery;
  /** For each parameter of `compiled`, the path of its value, or undefined for a constant. */
  paths: (readonly (string | number)[] | undefined)[];
}

const isStructure = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) ||
  (typeof value === "object" &&
    value !== null &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null));

/**
 * What `values` looks like to the builder: the same objects and arrays, every other value
 * (strings, numbers, null, dates, bytes) a placeholder. `undefined` stays, as Kysely skips it.
 */
function placeholders(value: unknown, path: (string | number)[] = []): unknown {
  if (Array.isArray(value)) return value.map((item, index) => placeholders(item, [...path, index]));
  if (isStructure(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, placeholders(item, [...path, key])]),
    );
  return value === undefined ? undefined : new Placeholder(path);
}

/** The keys, array lengths and missing values of `values`: what a query built from them depends on. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shapeOf).join(",")}]`;
  if (isStructure(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}:${shapeOf(item)}`)
      .join(",")}}`;
  return value === undefined ? "u" : "v";
}

/** Where a structure of placeholders was in the values: its first placeholder's path, less its depth. */
function pathOfStructure(value: unknown, depth = 0): (string | number)[] | undefined {
  if (value instanceof Placeholder) return value.path.slice(0, value.path.length - depth);
  if (!isStructure(value)) return undefined;
  for (const item of Object.values(value)) {
    const path = pathOfStructure(item, depth + 1);
    if (path) return path;
  }
  return undefined;
}

function valueAt(values: unknown, path: readonly (string | number)[]): unknown {
  let value = values;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

/**
 * A query built with Kysely's builder once per dialect and shape of its values, then run with
 * each call's values: a conversation turn runs the same few dozen queries, and building and
 * compiling each one anew (Kysely's trees of frozen nodes) cost more CPU than running it.
 *
 * `build` gets the values as placeholders, in their shape: the same keys and array lengths, with
 * `undefined` where a value is missing. It may depend on that shape (a row per array item, a
 * condition only when a value is given) but never on a value itself, and it passes each value to
 * the builder whole (a JSON column's object would be a nested shape: refused).
 *
 * @example
 * const chatById = preparedQuery((db, { id }: { id: string }) =>
 *   db.selectFrom("chats").selectAll().where("id", "=", id),
 * );
 * const [chat] = await chatById(trx, { id: "c-1" });
 */
export function preparedQuery<Values, Row>(
  build: (db: Kysely<Tables>, values: Values) => Compilable<Row>,
): (db: Kysely<Tables>, values: Values) => Promise<Row[]> {
  // The compiled SQL depends on the dialect (placeholders, quoting): queries are kept per adapter,
  // the one object a database shares with its transactions, reached through Kysely's executor
  // (marked internal, and pinned by the lockfile). This database's one plugin leaves queries as
  // they are, so the same SQL serves with or without it.
  const byAdapter = new WeakMap<DialectAdapter, Map<string, Prepared>>();

  const prepare = (db: Kysely<Tables>, values: Values): Prepared => {
    const compiled = build(db, placeholders(values) as Values).compile();
    const paths = compiled.parameters.map((parameter) => {
      if (parameter instanceof Placeholder) return parameter.path;
      const nested = isStructure(parameter) ? pathOfStructure(parameter) : undefined;
      if (nested)
        throw new TypeError(
          `A prepared query was given an object or array as one value, at "${nested.join(".")}"; pass it serialized.`,
        );
      return undefined;
    });
    return { compiled, paths };
  };

  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) {
      prepared = new Map();
      byAdapter.set(adapter, prepared);
    }
    const shape = shapeOf(values);
    let query = prepared.get(shape);
    if (!query) {
      query = prepare(db, values);
      prepared.set(shape, query);
    }
    const { compiled, paths } = query;
    const parameters = paths.map((path, index) =>
      path === undefined ? compiled.parameters[index] : valueAt(values, path),
    );
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters } as CompiledQuery<Row>);
    return rows;
  };
}
