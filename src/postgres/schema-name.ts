import { issue, LeadKitError } from "../internal/index.js";

/** The schema leadkit's tables live in when the caller names none. */
export const DEFAULT_SCHEMA = "leadkit";

/** The schema an options object names: `"leadkit"` when it names none (`null` is not "none"). */
export function schemaNameOf(options: { readonly schema?: string }): string {
  return options.schema === undefined ? DEFAULT_SCHEMA : options.schema;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// Schemas that already hold other tables: leadkit's tables and `DROP SCHEMA … CASCADE` of a
// throwaway schema must never touch them.
const RESERVED: ReadonlySet<string> = new Set(["public", "information_schema"]);

/**
 * The schema name quoted as an identifier, after checking it is one: identifiers cannot be
 * parameters, so this is the only text from outside leadkit that enters its SQL. Lowercase
 * letters, digits and `_` only, starting with a letter or `_`, at most 63 bytes (PostgreSQL's
 * limit), not a `pg_` name (reserved for the system), and not `public` or `information_schema`
 * (they hold other tables: leadkit's get a schema of their own).
 */
export function quoteSchema(schema: unknown): string {
  if (
    typeof schema !== "string" ||
    !SCHEMA_NAME.test(schema) ||
    schema.startsWith("pg_") ||
    RESERVED.has(schema)
  ) {
    const shown = typeof schema === "string" ? JSON.stringify(schema.slice(0, 80)) : typeof schema;
    throw new LeadKitError(
      "invalid_definition",
      `Invalid PostgreSQL schema name ${shown}: expected 1-63 lowercase letters, digits or "_", starting with a letter or "_", not starting with "pg_", and not "public" or "information_schema".`,
      [
        issue(
          "invalid_schema_name",
          ["schema"],
          "Expected 1-63 lowercase letters, digits or _, starting with a letter or _, not pg_, public or information_schema",
        ),
      ],
    );
  }
  return `"${schema}"`;
}
