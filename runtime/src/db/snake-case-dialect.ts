import {
  CamelCasePlugin,
  type PluginTransformQueryArgs,
  type QueryCompiler,
  type RootOperationNode,
} from "kysely";
import { DelegatingDialect } from "./delegating-dialect.ts";

/**
 * `CamelCasePlugin` with the renaming of identifiers left to `SnakeCaseDialect`: the plugin
 * copies every query's whole node tree to rename it, which cost as much CPU as building and
 * running the query. Result rows still come back in camelCase through the plugin.
 */
export class CamelCaseResultsPlugin extends CamelCasePlugin {
  override transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return node;
  }
}

/** The plugin's mapping of names, memoized, without the plugin. */
class SnakeCaseNames extends CamelCasePlugin {
  toSnakeCase(name: string): string {
    return this.snakeCase(name);
  }
}

/**
 * Wraps a dialect so that its compiler writes the code's camelCase identifiers (tables, columns,
 * aliases) as the snake_case the migrations created, in the one place every identifier passes
 * through, with the plugin's own memoized mapping. Names already in snake_case stay as they are,
 * so raw SQL and the migrator's own tables are unaffected.
 *
 * @example
 * new Kysely<Tables>({ dialect: new SnakeCaseDialect(dialect), plugins: [new CamelCaseResultsPlugin()] });
 */
export class SnakeCaseDialect extends DelegatingDialect {
  readonly #names = new SnakeCaseNames();

  override createQueryCompiler(): QueryCompiler {
    const compiler = this.inner.createQueryCompiler();
    // Every dialect's compiler quotes identifiers in sanitizeIdentifier (protected in Kysely's
    // types); renaming there covers each kind of identifier at once.
    const target = compiler as unknown as { sanitizeIdentifier(identifier: string): string };
    const sanitize = target.sanitizeIdentifier.bind(compiler);
    target.sanitizeIdentifier = (identifier) => sanitize(this.#names.toSnakeCase(identifier));
    return compiler;
  }
}
