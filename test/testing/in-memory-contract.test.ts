import { createInMemoryRepositories, describeLeadRepositoryContract } from "leadkit/testing";
import { describe, expect, test } from "vitest";

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
