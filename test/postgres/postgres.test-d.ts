import type { PGlite } from "@electric-sql/pglite";
import type { Repositories } from "leadkit/ports";
import {
  createPostgresRepositories,
  fromPgPool,
  fromPostgresJs,
  type PgPoolLike,
  type PostgresDatabase,
  type PostgresJsLike,
  type PostgresRepositories,
} from "leadkit/postgres";
import type pg from "pg";
import type postgres from "postgres";
import { describe, expectTypeOf, test } from "vitest";

describe("the structural client fits the drivers as they are typed", () => {
  test("a PGlite instance is a PostgresDatabase without an adapter", () => {
    expectTypeOf<PGlite>().toExtend<PostgresDatabase>();
  });

  test("a pg Pool fits fromPgPool, and a postgres.js sql fits fromPostgresJs", () => {
    expectTypeOf<pg.Pool>().toExtend<PgPoolLike>();
    expectTypeOf<postgres.Sql>().toExtend<PostgresJsLike>();
    expectTypeOf(fromPgPool).returns.toEqualTypeOf<PostgresDatabase>();
    expectTypeOf(fromPostgresJs).returns.toEqualTypeOf<PostgresDatabase>();
  });

  test("a plain object with query but no transaction is not a database", () => {
    expectTypeOf<{ query: PostgresDatabase["query"] }>().not.toExtend<PostgresDatabase>();
  });
});

describe("createPostgresRepositories", () => {
  test("returns repositories whose transaction is always there", () => {
    expectTypeOf(createPostgresRepositories).returns.toEqualTypeOf<PostgresRepositories>();
    expectTypeOf<PostgresRepositories>().toExtend<Repositories>();
    expectTypeOf<PostgresRepositories["transaction"]>().not.toEqualTypeOf<undefined>();
  });

  test("the schema option is a string", () => {
    const database = {} as PostgresDatabase;
    // @ts-expect-error: a schema name is a string
    createPostgresRepositories(database, { schema: 42 });
  });
});
