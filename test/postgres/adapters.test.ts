// The driver adapters' transaction handling, on stand-ins that record what a driver was asked to do
// (server.test.ts runs both adapters against a real server when DATABASE_URL is set).
import { EventEmitter } from "node:events";
import { fromPgPool, fromPostgresJs, type PgPoolClientLike, type PgPoolLike } from "leadkit/postgres";
import { describe, expect, test } from "vitest";

/** A pg pool with one connection that logs statements and releases, and fails where told. */
function recordingPool(fail: (text: string) => Error | undefined = () => undefined) {
  const log: string[] = [];
  const connection = Object.assign(new EventEmitter(), {
    async query(text: string) {
      log.push(text);
      const error = fail(text);
      if (error !== undefined) throw error;
      return { rows: [{ text }] };
    },
    release(error?: Error | boolean) {
      log.push(`release(${error instanceof Error ? error.message : String(error)})`);
    },
  });
  const pool: PgPoolLike = {
    query: async (text) => {
      log.push(`pool: ${text}`);
      return { rows: [] };
    },
    connect: async () => connection as unknown as PgPoolClientLike,
  };
  return { pool, connection, log };
}

describe("fromPgPool", () => {
  test("single statements go to the pool; a transaction holds one connection from BEGIN to COMMIT", async () => {
    const { pool, log } = recordingPool();
    const database = fromPgPool(pool);
    await database.query("SELECT 1", []);
    const result = await database.transaction(async (client) => (await client.query("UPDATE x")).rows.length);
    expect(result).toBe(1);
    expect(log).toEqual(["pool: SELECT 1", "BEGIN", "UPDATE x", "COMMIT", "release(undefined)"]);
  });

  test("work that throws is rolled back, its error passes through, and the healthy connection is pooled again", async () => {
    const { pool, connection, log } = recordingPool();
    const failure = new Error("planned");
    await expect(
      fromPgPool(pool).transaction(async (client) => {
        await client.query("INSERT y");
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(log).toEqual(["BEGIN", "INSERT y", "ROLLBACK", "release(undefined)"]);
    expect(connection.listenerCount("error")).toBe(0);
  });

  test("a connection the server ended is destroyed, not pooled, and its error event cannot crash the process", async () => {
    const lost = new Error("terminating connection due to administrator command");
    let dead = false;
    const { pool, connection, log } = recordingPool((text) => (dead || text === "COMMIT" ? lost : undefined));
    await expect(
      fromPgPool(pool).transaction(async (client) => {
        await client.query("INSERT y");
        dead = true;
        connection.emit("error", lost); // between statements: no query is waiting for it
        await client.query("INSERT z");
      }),
    ).rejects.toBe(lost);
    expect(log).toEqual(["BEGIN", "INSERT y", "INSERT z", "ROLLBACK", `release(${lost.message})`]);
    expect(connection.listenerCount("error")).toBe(0);
  });

  test("a COMMIT that fails rejects, and a ROLLBACK that fails too destroys the connection", async () => {
    const refused = new Error("could not serialize access");
    const gone = new Error("Connection terminated");
    const { pool, log } = recordingPool((text) =>
      text === "COMMIT" ? refused : text === "ROLLBACK" ? gone : undefined,
    );
    await expect(fromPgPool(pool).transaction(async () => "done")).rejects.toBe(refused);
    expect(log).toEqual(["BEGIN", "COMMIT", "ROLLBACK", `release(${gone.message})`]);
  });
});

describe("fromPostgresJs", () => {
  test("statements run through sql.unsafe with their parameters; transactions through sql.begin", async () => {
    const log: string[] = [];
    const unsafe = async (text: string, params?: unknown[]) => {
      log.push(`${text} ${JSON.stringify(params)}`);
      return [{ ok: true }];
    };
    const database = fromPostgresJs({
      unsafe,
      begin: async (work) => {
        log.push("begin");
        const result = await work({ unsafe: (text, params) => unsafe(`trx: ${text}`, params) });
        log.push("commit");
        return result;
      },
    });
    expect(await database.query("SELECT $1", ["x"])).toEqual({ rows: [{ ok: true }] });
    expect(await database.query("SELECT 2")).toEqual({ rows: [{ ok: true }] });
    expect(await database.transaction(async (client) => (await client.query("UPDATE $1", [1])).rows)).toEqual(
      [{ ok: true }],
    );
    expect(log).toEqual(['SELECT $1 ["x"]', "SELECT 2 []", "begin", "trx: UPDATE $1 [1]", "commit"]);
  });
});
