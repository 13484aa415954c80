import { PGlite } from "@electric-sql/pglite";
import { describeLeadRepositoryContract } from "leadkit/testing";
import { afterAll, describe, expect, test } from "vitest";
import { migrate } from "../../examples/postgres-repository/migrate.js";
import { createPostgresRepositories } from "../../examples/postgres-repository/postgres-repositories.js";

// One PGlite per file (it takes seconds to start); every test gets its own schema.
let database: Promise<PGlite> | undefined;
const db = () => {
  database ??= PGlite.create();
  return database;
};
let schemas = 0;
const schemaOf = new WeakMap<object, string>();

afterAll(async () => {
  await (await database)?.close();
});

describe("PostgreSQL repositories on PGlite", () => {
  describeLeadRepositoryContract(
    { test, expect },
    async () => {
      const pg = await db();
      const schema = `contract_${++schemas}`;
      await migrate(pg, schema);
      const repositories = createPostgresRepositories(pg, { schema });
      schemaOf.set(repositories, schema);
      return repositories;
    },
    {
      capabilities: { transactions: true },
      prefix: "postgres: ",
      dispose: async (repositories) => {
        await (await db()).query(`DROP SCHEMA "${schemaOf.get(repositories)}" CASCADE`);
      },
    },
  );
});
