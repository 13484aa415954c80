import { describe, expect, it } from "vitest";
import {
  ANUM,
  BANT,
  BUILTIN_FRAMEWORK_IDS,
  CHAMP,
  FAINT,
  GPCTBA_CI,
  MEDDIC,
  MEDDICC,
  MEDDPICC,
  QUALIFICATION_FRAMEWORKS,
  qualificationFrameworkJsonSchema,
  safeParseFramework,
} from "../../src/qualification/index.js";

const all = [BANT, CHAMP, ANUM, FAINT, MEDDIC, MEDDICC, MEDDPICC, GPCTBA_CI];
const ids = (framework: (typeof all)[number]) => framework.criteria.map((c) => c.id);

describe("built-in frameworks", () => {
  it.each(all.map((f) => [f.id, f] as const))(
    "%s is a valid framework that survives a JSON round trip",
    (_, framework) => {
      const parsed = safeParseFramework(JSON.parse(JSON.stringify(framework)));
      expect(parsed.ok && parsed.value).toEqual(framework);
    },
  );

  it("registers every framework under its own id", () => {
    expect(Object.keys(QUALIFICATION_FRAMEWORKS)).toEqual([...BUILTIN_FRAMEWORK_IDS]);
    for (const [id, framework] of Object.entries(QUALIFICATION_FRAMEWORKS)) expect(framework.id).toBe(id);
  });

  it("spells out each acronym in its criteria, in order", () => {
    expect(ids(BANT)).toEqual(["budget", "authority", "need", "timeline"]);
    expect(ids(CHAMP)).toEqual(["challenges", "authority", "money", "prioritization"]);
    expect(ids(ANUM)).toEqual(["authority", "need", "urgency", "money"]);
    expect(ids(FAINT)).toEqual(["funds", "authority", "interest", "need", "timing"]);
    expect(ids(MEDDIC)).toEqual([
      "metrics",
      "economic_buyer",
      "decision_criteria",
      "decision_process",
      "identify_pain",
      "champion",
    ]);
    expect(ids(MEDDICC)).toEqual([...ids(MEDDIC), "competition"]);
    expect(new Set(ids(MEDDPICC))).toEqual(new Set([...ids(MEDDICC), "paper_process"]));
    expect(ids(GPCTBA_CI)).toEqual([
      "goals",
      "plans",
      "challenges",
      "timeline",
      "budget",
      "authority",
      "negative_consequences",
      "positive_implications",
    ]);
  });

  it("documents BANT's default as IBM's 3 of 4", () => {
    expect(BANT.rule).toEqual({ kind: "at_least", count: 3 });
    expect(BANT.description?.en).toContain("3 of the 4");
  });

  it("ships the question banks of docs/qualification.md in Spanish as written", () => {
    const bank = (id: string) => BANT.criteria.find((c) => c.id === id)?.questions.es;
    expect(bank("budget")).toEqual([
      "¿Qué presupuesto baraja para este proyecto?",
      "¿Ha asignado un presupuesto específico a esta solución?",
      "¿Busca una solución rentable o es más importante la calidad, aunque tenga un precio más alto?",
    ]);
    expect(bank("need")).toEqual([
      "¿Qué retos o problemas concretos quiere resolver?",
      "¿Cómo gestiona actualmente [tarea o problema específico] en su organización?",
      "¿Qué características o capacidades son esenciales para usted en una solución?",
    ]);
    expect(bank("authority")).toEqual([
      "¿Quién es el principal responsable de esta compra dentro de su organización?",
      "¿Hay otras partes interesadas o miembros del equipo implicados en el proceso de toma de decisiones?",
      "¿Cómo suele desarrollarse el proceso de toma de decisiones en su organización?",
    ]);
    expect(bank("timeline")).toEqual([
      "¿Cuál es el plazo previsto para implantar una solución como la nuestra?",
      "¿Existen plazos o hitos específicos asociados a este proyecto?",
      "¿Le urge abordar los retos a los que se enfrenta?",
    ]);
  });

  it("gives every criterion questions in English and Spanish, as many in each", () => {
    for (const framework of all) {
      for (const criterion of framework.criteria) {
        expect(criterion.questions.en.length).toBeGreaterThan(0);
        expect(criterion.questions.es.length).toBe(criterion.questions.en.length);
        for (const q of criterion.questions.es) expect(q).toMatch(/^¿.*\?$/);
        for (const q of criterion.questions.en) expect(q).toMatch(/\?$/);
      }
    }
  });
});

describe("qualificationFrameworkJsonSchema", () => {
  it("describes a framework object with its required keys and rule kinds", () => {
    const schema = qualificationFrameworkJsonSchema();
    const text = JSON.stringify(schema);
    expect(schema["type"]).toBe("object");
    expect(schema["required"]).toEqual(expect.arrayContaining(["id", "names", "criteria", "rule"]));
    expect(schema["additionalProperties"]).toBe(false);
    for (const kind of ["at_least", "all_required", "weighted", "yes_no", "amount", "role"])
      expect(text).toContain(kind);
  });
});
