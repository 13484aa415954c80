import {
  authority,
  budget,
  challenges,
  champion,
  competition,
  decisionCriteria,
  decisionProcess,
  economicBuyer,
  funds,
  goals,
  identifyPain,
  interest,
  metrics,
  money,
  need,
  negativeConsequences,
  paperProcess,
  plans,
  positiveImplications,
  prioritization,
  timeline,
  timing,
  urgency,
} from "./criteria-library.js";
import type { QualificationFramework } from "./schemas.js";

/**
 * BANT (IBM): Budget, Authority, Need, Timeline, question banks as in docs/qualification.md. Default rule:
 * qualified when at least 3 of the 4 hold — IBM's usual rule.
 *
 * @example
 * ```ts
 * import { BANT, compileFramework, evaluateQualification } from "leadkit/qualification";
 *
 * evaluateQualification(compileFramework(BANT), [{ criterionId: "need", answer: "high", source: "conversation" }], { now });
 * ```
 * @category Qualification
 */
export const BANT: QualificationFramework = {
  id: "bant",
  names: { en: "BANT", es: "BANT" },
  description: {
    en: "Budget, Authority, Need, Timeline. IBM's classic: qualified when 3 of the 4 hold.",
    es: "Presupuesto, Autoridad, Necesidad y Tiempo. El clásico de IBM: cualificado si se cumplen 3 de 4.",
  },
  criteria: [budget, authority, need, timeline],
  rule: { kind: "at_least", count: 3 },
};

/**
 * CHAMP: Challenges, Authority, Money, Prioritization — BANT reordered around the buyer's
 * challenges. Default rule (leadkit's): 3 of 4, and challenges are required.
 *
 * @example
 * ```ts
 * import { CHAMP } from "leadkit/qualification";
 *
 * CHAMP.criteria.map((c) => c.id); // ["challenges", "authority", "money", "prioritization"]
 * ```
 * @category Qualification
 */
export const CHAMP: QualificationFramework = {
  id: "champ",
  names: { en: "CHAMP", es: "CHAMP" },
  description: {
    en: "Challenges, Authority, Money, Prioritization. Leads with the buyer's challenges: without one there is no deal.",
    es: "Desafíos, Autoridad, Dinero y Prioridad. Empieza por los desafíos del comprador: sin desafío no hay venta.",
  },
  criteria: [{ ...challenges, required: true }, authority, money, prioritization],
  rule: { kind: "at_least", count: 3 },
};

/**
 * ANUM: Authority, Need, Urgency, Money — reach the decision maker first. Default rule
 * (leadkit's): 3 of 4, and authority is required.
 *
 * @example
 * ```ts
 * import { ANUM } from "leadkit/qualification";
 *
 * ANUM.rule; // { kind: "at_least", count: 3 }
 * ```
 * @category Qualification
 */
export const ANUM: QualificationFramework = {
  id: "anum",
  names: { en: "ANUM", es: "ANUM" },
  description: {
    en: "Authority, Need, Urgency, Money. Talks to the decision maker first; money comes last.",
    es: "Autoridad, Necesidad, Urgencia y Dinero. Habla primero con quien decide; el dinero va al final.",
  },
  criteria: [{ ...authority, required: true }, need, urgency, money],
  rule: { kind: "at_least", count: 3 },
};

/**
 * FAINT: Funds, Authority, Interest, Need, Timing — for buyers without an allocated budget but with
 * funds they could spend. Default rule (leadkit's): 4 of 5.
 *
 * @example
 * ```ts
 * import { FAINT } from "leadkit/qualification";
 *
 * FAINT.criteria.length; // 5
 * ```
 * @category Qualification
 */
export const FAINT: QualificationFramework = {
  id: "faint",
  names: { en: "FAINT", es: "FAINT" },
  description: {
    en: "Funds, Authority, Interest, Need, Timing. Asks whether money exists, not whether it is budgeted.",
    es: "Fondos, Autoridad, Interés, Necesidad y Momento. Pregunta si hay dinero, no si está presupuestado.",
  },
  criteria: [funds, authority, interest, need, timing],
  rule: { kind: "at_least", count: 4 },
};

const meddicCriteria = [metrics, economicBuyer, decisionCriteria, decisionProcess, identifyPain, champion];

/**
 * MEDDIC: Metrics, Economic buyer, Decision criteria, Decision process, Identify pain, Champion —
 * a checklist for complex B2B deals. Default rule: every element must be established.
 *
 * @example
 * ```ts
 * import { MEDDIC } from "leadkit/qualification";
 *
 * MEDDIC.rule; // { kind: "all_required" }
 * ```
 * @category Qualification
 */
export const MEDDIC: QualificationFramework = {
  id: "meddic",
  names: { en: "MEDDIC", es: "MEDDIC" },
  description: {
    en: "Metrics, Economic buyer, Decision criteria, Decision process, Identify pain, Champion. A checklist for complex deals: every box must be ticked.",
    es: "Métricas, Comprador económico, Criterios de decisión, Proceso de decisión, Identificar el dolor y Campeón. Una lista para ventas complejas: todo debe cumplirse.",
  },
  criteria: meddicCriteria,
  rule: { kind: "all_required" },
};

/**
 * MEDDICC: MEDDIC plus Competition. Default rule: every element must be established.
 *
 * @example
 * ```ts
 * import { MEDDICC } from "leadkit/qualification";
 *
 * MEDDICC.criteria.at(-1)?.id; // "competition"
 * ```
 * @category Qualification
 */
export const MEDDICC: QualificationFramework = {
  id: "meddicc",
  names: { en: "MEDDICC", es: "MEDDICC" },
  description: {
    en: "MEDDIC plus Competition: know who else the buyer is considering.",
    es: "MEDDIC más Competencia: saber qué otras opciones valora el comprador.",
  },
  criteria: [...meddicCriteria, competition],
  rule: { kind: "all_required" },
};

/**
 * MEDDPICC: MEDDICC plus Paper process (procurement, legal, security reviews). Default rule: every
 * element must be established.
 *
 * @example
 * ```ts
 * import { MEDDPICC } from "leadkit/qualification";
 *
 * MEDDPICC.criteria.map((c) => c.id).includes("paper_process"); // true
 * ```
 * @category Qualification
 */
export const MEDDPICC: QualificationFramework = {
  id: "meddpicc",
  names: { en: "MEDDPICC", es: "MEDDPICC" },
  description: {
    en: "MEDDICC plus Paper process: how a signed decision becomes a signed contract.",
    es: "MEDDICC más Proceso de compras: cómo una decisión se convierte en un contrato firmado.",
  },
  criteria: [
    metrics,
    economicBuyer,
    decisionCriteria,
    decisionProcess,
    paperProcess,
    identifyPain,
    champion,
    competition,
  ],
  rule: { kind: "all_required" },
};

/**
 * GPCTBA/C&I (HubSpot): Goals, Plans, Challenges, Timeline, Budget, Authority, negative
 * Consequences, positive Implications. Default rule (leadkit's): weighted, challenges, budget and
 * authority count double, qualified at 70 % of the total weight.
 *
 * @example
 * ```ts
 * import { GPCTBA_CI } from "leadkit/qualification";
 *
 * GPCTBA_CI.rule.kind; // "weighted"
 * ```
 * @category Qualification
 */
export const GPCTBA_CI: QualificationFramework = {
  id: "gpctba_ci",
  names: { en: "GPCTBA/C&I", es: "GPCTBA/C&I" },
  description: {
    en: "Goals, Plans, Challenges, Timeline, Budget, Authority, negative Consequences, positive Implications. A consultative conversation about the buyer's goals.",
    es: "Objetivos, Planes, Desafíos, Tiempo, Presupuesto, Autoridad, Consecuencias negativas e Implicaciones positivas. Una conversación consultiva sobre los objetivos del comprador.",
  },
  criteria: [
    goals,
    plans,
    challenges,
    timeline,
    budget,
    authority,
    negativeConsequences,
    positiveImplications,
  ],
  rule: { kind: "weighted", threshold: 0.7, weights: { challenges: 2, budget: 2, authority: 2 } },
};

/**
 * The ids of the frameworks leadkit ships.
 *
 * @example
 * ```ts
 * import { BUILTIN_FRAMEWORK_IDS } from "leadkit/qualification";
 *
 * BUILTIN_FRAMEWORK_IDS.includes("meddpicc"); // true
 * ```
 * @category Qualification
 */
export const BUILTIN_FRAMEWORK_IDS = [
  "bant",
  "champ",
  "anum",
  "faint",
  "meddic",
  "meddicc",
  "meddpicc",
  "gpctba_ci",
] as const;

/**
 * One of {@link BUILTIN_FRAMEWORK_IDS}.
 *
 * @example
 * ```ts
 * import { type BuiltinFrameworkId, compileFramework, QUALIFICATION_FRAMEWORKS } from "leadkit/qualification";
 *
 * // The framework a team chose in its settings.
 * const id: BuiltinFrameworkId = "champ";
 * compileFramework(QUALIFICATION_FRAMEWORKS[id]).definition.criteria.length; // 4
 * ```
 * @category Qualification
 */
export type BuiltinFrameworkId = (typeof BUILTIN_FRAMEWORK_IDS)[number];

/**
 * The built-in frameworks by id: look one up from configuration, or list them in a settings screen.
 *
 * @example
 * ```ts
 * import { type BuiltinFrameworkId, QUALIFICATION_FRAMEWORKS } from "leadkit/qualification";
 *
 * declare const settings: { readonly frameworkId: string }; // the team's settings
 * const framework = QUALIFICATION_FRAMEWORKS[settings.frameworkId as BuiltinFrameworkId];
 * ```
 * @category Qualification
 */
export const QUALIFICATION_FRAMEWORKS: Readonly<Record<BuiltinFrameworkId, QualificationFramework>> = {
  bant: BANT,
  champ: CHAMP,
  anum: ANUM,
  faint: FAINT,
  meddic: MEDDIC,
  meddicc: MEDDICC,
  meddpicc: MEDDPICC,
  gpctba_ci: GPCTBA_CI,
};
