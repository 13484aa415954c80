import { createInMemoryRepositories, describeLeadRepositoryContract } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { serviceErasureFailures } from "../support/erasure-checks.js";

describe("in-memory repositories", () => {
  describeLeadRepositoryContract({ test, expect }, () => createInMemoryRepositories(), {
    capabilities: { transactions: true, insertMany: true, findByBlockingKeys: true },
  });
});

describe("in-memory repositories without the transaction capability", () => {
  describeLeadRepositoryContract(
    { test, expect },
    () => {
      const { leads, interactions, audit, outbox, distribution } = createInMemoryRepositories();
      return { leads, interactions, audit, outbox, distribution };
    },
    {
      prefix: "separate stores: ",
      concurrency: 25,
      capabilities: { insertMany: true, findByBlockingKeys: true },
    },
  );
});

describe("erasure through the service on in-memory repositories", () => {
  test("no store returns the person's data, the funnel is unchanged, the keys are free", async () => {
    expect(await serviceErasureFailures(createInMemoryRepositories())).toEqual([]);
    const { leads, interactions, audit, outbox, distribution } = createInMemoryRepositories();
    expect(await serviceErasureFailures({ leads, interactions, audit, outbox, distribution })).toEqual([]);
  });
});
