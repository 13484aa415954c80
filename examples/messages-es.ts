import type { RenderLabels } from "leadkit/metrics";
import type { ExampleLanguage } from "./example-args.js";

/** An issue as leadkit returns it. */
export interface ExampleIssue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

// Issue codes come from leadkit and from zod (through leadkit); the path and the English message
// come from the input, so they are data: these are Maps, never objects read by a key.

/** What each issue code means, in Spanish, for the examples' `--lang es`. */
export const SPANISH_ISSUE_MESSAGES: ReadonlyMap<string, string> = new Map([
  ["invalid_type", "El valor no es del tipo esperado"],
  ["invalid_value", "El valor no es ninguno de los permitidos"],
  ["invalid_format", "El valor no tiene el formato esperado"],
  ["invalid_union", "El valor no encaja con ninguna de las formas permitidas"],
  ["invalid_key", "Una clave del objeto no es válida"],
  ["unrecognized_keys", "El objeto tiene claves que no se esperan (¿una errata?)"],
  ["too_small", "El valor es demasiado pequeño o corto"],
  ["too_big", "El valor es demasiado grande o largo"],
  ["custom", "El valor no cumple una condición de la definición"],
  ["unstorable_text", "El texto tiene caracteres que no se pueden guardar"],
  ["too_many_issues", "Hay demasiados problemas; solo se muestran los primeros"],
  ["invalid_email", "El correo electrónico no es válido"],
  ["invalid_phone", "El teléfono no es válido"],
  ["duplicate_criterion_id", "El id del criterio ya lo usa otro criterio; los ids deben ser únicos"],
  ["impossible_rule", "La regla pide más criterios de los que hay: nunca se podría cumplir"],
  ["unknown_criterion", "La respuesta nombra un criterio que el marco no tiene"],
  ["duplicate_rule_id", "El id de la regla se repite; los ids deben ser únicos"],
  ["missing_default_rule", "La tabla debe terminar con una regla sin condiciones (la regla por defecto)"],
  ["unreachable_rule", "La regla nunca se aplica: las anteriores deciden todos sus casos"],
  ["unknown_channel", "El canal de captación no es ninguno de los conocidos"],
]);

/** The verdicts of a qualification, in Spanish. */
export const SPANISH_VERDICTS: ReadonlyMap<string, string> = new Map([
  ["qualified", "cualificado"],
  ["needs_information", "falta información"],
  ["disqualified", "descartado"],
]);

/**
 * One issue as a line for people: `path: message [code]`. In Spanish, the sentence for its code
 * with the English details marked as such, or — for a code the table does not know — the English
 * message, saying that it is in English.
 */
export function describeIssue(issue: ExampleIssue, lang: ExampleLanguage): string {
  const where = issue.path.join(".") || (lang === "es" ? "(raíz)" : "(root)");
  if (lang === "en") return `${where}: ${issue.message} [${issue.code}]`;
  const spanish = SPANISH_ISSUE_MESSAGES.get(issue.code);
  return spanish === undefined
    ? `${where}: ${issue.message} [${issue.code}] (mensaje en inglés: no hay traducción para este código)`
    : `${where}: ${spanish}. Detalle en inglés: ${issue.message} [${issue.code}]`;
}

/** A verdict as people read it: the code in English, its Spanish name in Spanish. */
export function verdictName(verdict: string, lang: ExampleLanguage): string {
  return lang === "es" ? (SPANISH_VERDICTS.get(verdict) ?? verdict) : verdict;
}

/**
 * Every word the metrics renderers draw, in Spanish (the glossary's terms, docs/glossary-es.md), all
 * of them (the type makes a missing one an error):
 * pass it as `labels` to renderFunnelTable, renderSegmentTable, renderFunnelSvg and renderSegmentSvg.
 */
export const SPANISH_RENDER_LABELS: Required<RenderLabels> = {
  contact: "Contacto",
  lead: "Lead",
  prospect: "Prospecto",
  potential_client: "Cliente potencial",
  customer: "Cliente",
  origin: "origen",
  source: "fuente",
  owner: "propietario",
  generatedBy: "generado por",
  industry: "sector",
  interestLevel: "nivel de interés",
  period: "periodo",
  firstTouch: "primer punto de contacto",
  lastTouch: "último punto de contacto",
  touch: "punto de contacto",
  stage: "Etapa",
  reached: "Alcanzan",
  fromPrevious: "Desde la anterior",
  fromStart: "Desde el inicio",
  dropOff: "Abandonos",
  leads: "leads",
  won: "clientes",
  conversion: "tasa de conversión",
  winRate: "tasa de cierre",
  passiveShare: "proporción pasiva",
  costPerLead: "coste por lead",
  costPerCustomer: "coste por cliente",
  medianDaysToClose: "mediana hasta el cierre",
  firstResponseP50: "primera respuesta p50",
  firstResponseP90: "primera respuesta p90",
  weightedPipeline: "pipeline ponderado",
  funnelTitle: "Embudo de ventas",
  ofPrevious: "de la etapa anterior",
  active: "activos",
  passive: "pasivos",
  unknown: "desconocido",
  unknownOrigin: "origen desconocido",
  leadsMetric: "Leads",
  wonMetric: "Clientes",
  conversionMetric: "Conversión de lead a cliente",
  by: "por",
  moreSegments: "segmentos más sin mostrar",
  noSegments: "Sin segmentos",
};

/** The renderers' words in the example's language: Spanish ones, or none (the English defaults). */
export function renderLabels(lang: ExampleLanguage): RenderLabels {
  return lang === "es" ? SPANISH_RENDER_LABELS : {};
}
