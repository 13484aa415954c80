import { compileSharingPolicy } from "leadkit/origin";
import { createInMemoryRepositories, withFaults } from "leadkit/testing";
import { describe, expect, test } from "vitest";
import { called, created, inbound, setup, teamPolicy } from "./fixtures.js";

describe("capture", () => {
  test("an active lead belongs to the user who generated it, is scored, saved at version 1 and audited", async () => {
    const { service, repositories } = setup();
    const result = await service.capture(called());
    expect(result.ok && result.value.kind).toBe("created");
    if (!result.ok || result.value.kind !== "created") return;
    const { lead, origin } = result.value;
    expect(origin.kind).toBe("active");
    expect(lead).toMatchObject({ owner: "u-ana", generatedBy: "u-ana", stage: "lead", version: 1 });
    expect(lead.history).toEqual([
      { from: "contact", to: "lead", event: "capture", at: new Date("2026-03-02T09:00:00Z"), actor: "u-ana" },
    ]);
    expect(lead.scores["default"]?.value).toBeGreaterThan(0);
    expect(await repositories.leads.get(lead.id)).toEqual(lead);
    expect(await repositories.audit.list()).toEqual([
      {
        at: new Date("2026-03-02T09:00:00Z"),
        actor: "u-ana",
        action: "capture",
        leadId: lead.id,
        beforeVersion: 0,
        afterVersion: 1,
        details: { origin: "active", originRule: origin.rule.id, owner: "u-ana", pool: null },
      },
    ]);
  });

  test("a passive lead goes to the pool, with its interactions in the interaction store", async () => {
    const { service, repositories } = setup();
    const lead = created(await service.capture(inbound()));
    expect(lead).toMatchObject({ owner: null, generatedBy: null, pool: "inbound" });
    expect((await repositories.interactions.list(lead.id)).map((i) => i.type)).toEqual(["form_submit"]);
    expect(lead.interactions).toHaveLength(1);
  });

  test("passive leads are distributed by the team's policy when one is configured", async () => {
    const { service } = setup({
      config: {
        distribution: { strategy: "round_robin", members: [{ userId: "u-bruno" }, { userId: "u-carla" }] },
      },
    });
    const owners: (string | null)[] = [];
    for (const email of ["a@one.example", "b@two.example", "c@three.example", "d@four.example"]) {
      const lead = created(
        await service.capture(inbound({ contact: { kind: "prospect", name: "X", email } })),
      );
      owners.push(lead.owner);
    }
    expect(new Set(owners)).toEqual(new Set(["u-bruno", "u-carla"]));
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners[0]).toBe(owners[2]);
  });

  test("an explicit owner wins over the distribution", async () => {
    const { service } = setup();
    expect(created(await service.capture(inbound({ owner: "u-carla" }))).owner).toBe("u-carla");
  });

  test("capturing the same external id twice creates one lead, also concurrently", async () => {
    const { service, repositories } = setup();
    const first = await service.capture(inbound({ externalId: "post-1" }));
    const again = await service.capture(inbound({ externalId: "post-1" }));
    expect(again.ok && again.value.kind === "existing" && again.value.matchedOn).toBe("external_id");
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        service.capture(
          inbound({
            externalId: "post-2",
            contact: { kind: "prospect", name: "Y", email: `y${i}@y${i}.example` },
          }),
        ),
      ),
    );
    expect(racing.filter((r) => r.ok && r.value.kind === "created")).toHaveLength(1);
    expect((await repositories.leads.query({})).items).toHaveLength(2);
    expect((await repositories.audit.list()).map((e) => e.action)).toEqual(["capture", "capture"]);
    expect(first.ok).toBe(true);
  });

  test("an external id taken between the check and the save returns the lead that took it", async () => {
    const { repositories } = setup();
    const leads = repositories.leads;
    let raced = false;
    const sneaky = {
      interactions: repositories.interactions,
      audit: repositories.audit,
      outbox: repositories.outbox,
      distribution: repositories.distribution,
      leads: {
        ...leads,
        get: leads.get.bind(leads),
        getByExternalId: async (externalId: string) => {
          const found = await leads.getByExternalId(externalId);
          if (!raced) {
            raced = true;
            const other = setup({ repositories, idPrefix: "other" });
            await other.service.capture(inbound({ externalId, actor: "system", owner: "u-bruno" }));
          }
          return found;
        },
        findByDuplicateKeys: leads.findByDuplicateKeys.bind(leads),
        save: leads.save.bind(leads),
        remove: leads.remove.bind(leads),
        query: leads.query.bind(leads),
        stream: leads.stream.bind(leads),
      },
    };
    const { service: racer } = setup({ repositories: sneaky });
    const result = await racer.capture(
      inbound({ externalId: "post-9", contact: { kind: "prospect", name: "Z", email: "z@zeta.example" } }),
    );
    expect(result.ok && result.value.kind).toBe("existing");
    expect((await repositories.leads.query({})).items.map((l) => l.owner)).toEqual(["u-bruno"]);
  });

  test("a shared email returns the existing lead; a shared domain proposes a merge; create overrides", async () => {
    const { service, repositories } = setup();
    const original = created(await service.capture(called()));
    const sameEmail = await service.capture(
      called({ contact: { kind: "prospect", name: "L. Pérez", email: " LUCIA@acme.es" } }),
    );
    expect(sameEmail.ok && sameEmail.value.kind === "existing" && sameEmail.value.lead.id).toBe(original.id);
    const colleague = called({ contact: { kind: "prospect", name: "Pablo", email: "pablo@acme.es" } });
    const proposal = await service.capture(colleague);
    expect(proposal.ok && proposal.value.kind).toBe("merge_proposal");
    if (proposal.ok && proposal.value.kind === "merge_proposal") {
      expect(proposal.value.duplicates.map((d) => [d.lead.id, d.keys])).toEqual([
        [original.id, [{ kind: "company_domain", value: "acme.es" }]],
      ]);
      expect(proposal.value.candidate.contact.name).toBe("Pablo");
    }
    expect((await repositories.leads.query({})).items).toHaveLength(1);
    expect(created(await service.capture({ ...colleague, onDuplicate: "create" })).contact.name).toBe(
      "Pablo",
    );
  });

  test("malformed input is rejected with paths and writes nothing", async () => {
    const { service, repositories } = setup();
    const result = await service.capture(
      called({
        contact: { kind: "prospect", name: "", country: "Spain" },
        interactions: [{ type: "page_view", at: new Date(), initiator: { kind: "contact" } } as never],
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.issues.map((i) => i.path.join("."));
      expect(paths).toContain("contact.name");
      expect(paths).toContain("contact.country");
      expect(paths).toContain("interactions.0.pageKind");
    }
    expect((await repositories.leads.query({})).items).toEqual([]);
    expect(await repositories.audit.list()).toEqual([]);
  });

  test("bots and employees never become leads; non-members may not capture", async () => {
    const { service, repositories } = setup();
    const bot = await service.capture(called({ contact: { kind: "bot", name: "Crawler" } }));
    expect(bot.ok ? [] : bot.issues.map((i) => [i.code, i.path])).toEqual([
      ["cannot_enter_funnel", ["contact", "kind"]],
    ]);
    const stranger = await service.capture(called({ actor: "u-zoe" }));
    expect(stranger.ok ? [] : stranger.issues.map((i) => i.code)).toEqual(["forbidden"]);
    expect((await repositories.leads.query({})).items).toEqual([]);
  });

  test("a contact-stage capture has no history entry", async () => {
    const { service } = setup();
    expect(created(await service.capture(called({ stage: "contact" }))).history).toEqual([]);
  });
});

describe("capture respects visibility", () => {
  test("a duplicate the actor may not see is never named, returned or hinted at, and nothing is written", async () => {
    const { service, repositories } = setup();
    const anas = created(await service.capture(called()));
    const auditBefore = await repositories.audit.list();
    const asBruno = (email: string) =>
      called({
        actor: "u-bruno",
        contact: { kind: "prospect", name: "Lucía", email },
        capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
      });
    const byEmail = await service.capture(asBruno("LUCIA@acme.es"));
    expect(byEmail.ok ? [] : byEmail.issues.map((i) => [i.code, i.path])).toEqual([
      ["duplicate_not_visible", []],
    ]);
    expect(JSON.stringify(byEmail)).not.toContain(anas.id);
    expect(JSON.stringify(byEmail)).not.toContain("Lucía Pérez");
    expect(JSON.stringify(byEmail)).not.toMatch(/email|domain|acme/);
    expect((await repositories.leads.query({})).items).toHaveLength(1);
    expect(await repositories.audit.list()).toEqual(auditBefore);
    // A shared company domain alone is not the same person: the hidden lead is ignored.
    const byDomain = await service.capture(asBruno("otro@acme.es"));
    expect(byDomain.ok && byDomain.value.kind).toBe("created");
  });

  test("with hiddenLeads: reveal, the policy names the hidden duplicate and the keys, and get answers forbidden", async () => {
    const { service } = setup({
      config: { policy: compileSharingPolicy({ ...teamPolicy, hiddenLeads: "reveal" }) },
    });
    const anas = created(await service.capture(called()));
    const asBruno = (email: string) =>
      called({
        actor: "u-bruno",
        contact: { kind: "prospect", name: "Lucía", email },
        capture: { channel: "call", initiator: { kind: "user", userId: "u-bruno" } },
      });
    const byEmail = await service.capture(asBruno("LUCIA@acme.es"));
    expect(byEmail.ok ? undefined : byEmail.issues[0]).toMatchObject({
      code: "duplicate_not_visible",
      leadId: anas.id,
      matchedOn: [
        { kind: "email", value: "lucia@acme.es" },
        { kind: "company_domain", value: "acme.es" },
      ],
    });
    const byDomain = await service.capture(asBruno("otro@acme.es"));
    expect(byDomain.ok ? [] : byDomain.issues.map((i) => i.code)).toEqual(["duplicate_not_visible"]);
    const got = await service.get({ actor: "u-bruno", leadId: anas.id });
    expect(got.ok ? [] : got.issues.map((i) => i.code)).toEqual(["forbidden"]);
  });

  test("the owner capturing the same email again gets the existing lead back", async () => {
    const { service } = setup();
    const first = created(await service.capture(called()));
    const again = await service.capture(called());
    expect(again.ok && again.value.kind === "existing" && again.value.lead.id).toBe(first.id);
  });
});

describe("fair distribution under failure", () => {
  test("a capture that fails does not use up a seller's turn", async () => {
    const distribution = {
      strategy: "round_robin" as const,
      members: [{ userId: "u-bruno" }, { userId: "u-carla" }],
    };
    const lead = (email: string) => inbound({ contact: { kind: "prospect", name: "X", email } });
    const steady = setup({ config: { distribution } });
    const expected: (string | null)[] = [];
    for (const email of ["a@one.example", "b@two.example"]) {
      expected.push(created(await steady.service.capture(lead(email))).owner);
    }
    const faulty = setup({
      config: { distribution },
      repositories: withFaults(createInMemoryRepositories(), { method: "leads.save", onCall: 1 }),
    });
    await expect(faulty.service.capture(lead("a@one.example"))).rejects.toThrow();
    const owners: (string | null)[] = [];
    for (const email of ["a@one.example", "b@two.example"]) {
      owners.push(created(await faulty.service.capture(lead(email))).owner);
    }
    expect(owners).toEqual(expected);
  });

  test("with canonical email keys, the repository and the service agree: one Gmail mailbox is one lead", async () => {
    const duplicates = { canonicalEmail: true } as const;
    const { service } = setup({
      repositories: createInMemoryRepositories({ duplicateKeys: duplicates }),
      config: { duplicates },
    });
    const first = created(
      await service.capture(
        inbound({ contact: { kind: "prospect", name: "Ana", email: "Ana.Garcia+promo@gmail.com" } }),
      ),
    );
    const second = await service.capture(
      inbound({ contact: { kind: "prospect", name: "Ana", email: "anagarcia@gmail.com" } }),
    );
    expect(second.ok && second.value.kind).toBe("existing");
    expect(second.ok && "lead" in second.value && second.value.lead.id).toBe(first.id);
    expect(first.contact.email).toBe("Ana.Garcia+promo@gmail.com");
    // Without the option a Gmail alias is another address, as before.
    const plain = setup();
    created(
      await plain.service.capture(
        inbound({ contact: { kind: "prospect", name: "Ana", email: "a.b@gmail.com" } }),
      ),
    );
    const other = await plain.service.capture(
      inbound({ contact: { kind: "prospect", name: "Ana", email: "ab@gmail.com" } }),
    );
    expect(other.ok && other.value.kind).not.toBe("existing");
  });
});
