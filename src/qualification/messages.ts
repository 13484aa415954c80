// The sentences a qualification result explains itself with, in each shipped language.
import type { CriterionStatus, QualificationLanguage, QualificationLevel } from "./vocabulary.js";

// Two-digit months and days, looked up rather than built.
const TWO_DIGITS: readonly string[] = Object.freeze(
  Array.from({ length: 32 }, (_, n) => (n < 10 ? `0${n}` : String(n))),
);

/**
 * The calendar day of a date as `YYYY-MM-DD`, in the runtime's time zone: the zone whose days the
 * horizon is counted in (a date-only answer such as `"2026-04-15"` is that day's local midnight), so
 * the sentence names the day the seller entered.
 */
function day(date: Date): string {
  return `${date.getFullYear()}-${TWO_DIGITS[date.getMonth() + 1]}-${TWO_DIGITS[date.getDate()]}`;
}
const percent = (share: number): string => `${Math.round(share * 1000) / 10} %`;
const round = (n: number): string => String(Math.round(n * 100) / 100);

export interface Messages {
  readonly noEvidence: string;
  readonly recorded: (status: CriterionStatus) => string;
  readonly yes: string;
  readonly no: string;
  readonly levelMet: (level: QualificationLevel, minimum: QualificationLevel) => string;
  readonly levelNotMet: (level: QualificationLevel, minimum: QualificationLevel) => string;
  readonly amountCoversRange: (amount: number, max: number) => string;
  readonly amountCoversEntry: (amount: number, min: number) => string;
  readonly amountBelow: (amount: number, min: number) => string;
  readonly amountWithoutRange: (amount: number) => string;
  readonly noAmount: string;
  readonly dateWithin: (date: Date, days: number) => string;
  readonly datePassed: (date: Date) => string;
  readonly dateTooFar: (date: Date, days: number) => string;
  readonly roleHasAuthority: (title: string, keyword: string) => string;
  readonly roleLacksAuthority: (title: string) => string;
  readonly textRecorded: string;
  readonly textEmpty: string;
  readonly atLeast: (met: number, unknown: number, total: number, count: number) => string;
  readonly allRequired: (met: number, notMet: number, unknown: number, total: number) => string;
  readonly weighted: (metShare: number, possibleShare: number, threshold: number) => string;
  readonly requiredNotMet: (label: string) => string;
  readonly requiredUnknown: (label: string) => string;
  readonly icpMismatch: (reason: string) => string;
  readonly icpIndustryExcluded: (industry: string) => string;
  readonly icpIndustryOutside: (industry: string, expected: readonly string[]) => string;
  readonly icpIndustryFits: (industry: string) => string;
  readonly icpSizeOutside: (size: string, expected: readonly string[]) => string;
  readonly icpSizeFits: (size: string) => string;
  readonly icpCountryOutside: (country: string, expected: readonly string[]) => string;
  readonly icpCountryFits: (country: string) => string;
  readonly icpRoleExcluded: (title: string, keyword: string) => string;
  readonly icpRoleOutside: (title: string) => string;
  readonly icpRoleFits: (title: string) => string;
  readonly icpUnknown: (field: string) => string;
}

const en: Messages = {
  noEvidence: "No evidence yet.",
  recorded: (status) =>
    `Recorded as ${status === "met" ? "met" : status === "not_met" ? "not met" : "unknown"}.`,
  yes: "Answered yes.",
  no: "Answered no.",
  levelMet: (level, minimum) => `Level ${level} reaches the minimum, ${minimum}.`,
  levelNotMet: (level, minimum) => `Level ${level} is below the minimum, ${minimum}.`,
  amountCoversRange: (amount, max) => `Amount ${round(amount)} covers the whole price range (up to ${max}).`,
  amountCoversEntry: (amount, min) => `Amount ${round(amount)} covers the entry price, ${min}.`,
  amountBelow: (amount, min) => `Amount ${round(amount)} is below the entry price, ${min}.`,
  amountWithoutRange: (amount) => `An amount of ${round(amount)} is available; no price range was given.`,
  noAmount: "No money available (0).",
  dateWithin: (date, days) => `Deadline ${day(date)} falls within the ${days}-day horizon.`,
  datePassed: (date) => `Deadline ${day(date)} has already passed.`,
  dateTooFar: (date, days) => `Deadline ${day(date)} is beyond the ${days}-day horizon.`,
  roleHasAuthority: (title, keyword) => `"${title}" carries buying authority (${keyword}).`,
  roleLacksAuthority: (title) => `"${title}" is not a role with buying authority.`,
  textRecorded: "Answer recorded.",
  textEmpty: "The answer is empty.",
  atLeast: (met, unknown, total, count) =>
    `${met} of ${total} criteria met (${unknown} unknown); the rule needs ${count}.`,
  allRequired: (met, notMet, unknown, total) =>
    `${met} of ${total} criteria met (${notMet} not met, ${unknown} unknown); every criterion is required.`,
  weighted: (metShare, possibleShare, threshold) =>
    `Met weight ${percent(metShare)} (at most ${percent(possibleShare)} with the unknowns); the threshold is ${percent(threshold)}.`,
  requiredNotMet: (label) => `Required criterion ${label} is not met.`,
  requiredUnknown: (label) => `Required criterion ${label} is still unknown.`,
  icpMismatch: (reason) => `Outside the ideal customer profile. ${reason}`,
  icpIndustryExcluded: (industry) => `Industry "${industry}" is excluded.`,
  icpIndustryOutside: (industry, expected) => `Industry "${industry}" is not one of ${expected.join(", ")}.`,
  icpIndustryFits: (industry) => `Industry "${industry}" fits.`,
  icpSizeOutside: (size, expected) => `Company size ${size} is not one of ${expected.join(", ")}.`,
  icpSizeFits: (size) => `Company size ${size} fits.`,
  icpCountryOutside: (country, expected) => `Country ${country} is not one of ${expected.join(", ")}.`,
  icpCountryFits: (country) => `Country ${country} fits.`,
  icpRoleExcluded: (title, keyword) => `Role "${title}" is excluded (${keyword}).`,
  icpRoleOutside: (title) => `Role "${title}" is not a target role.`,
  icpRoleFits: (title) => `Role "${title}" fits.`,
  icpUnknown: (field) => `The contact's ${field} is unknown.`,
};

const esStatus = { met: "cumplido", not_met: "no cumplido", unknown: "desconocido" } as const;
const esLevel = { none: "ninguno", low: "bajo", medium: "medio", high: "alto" } as const;
const esField: Readonly<Record<string, string>> = {
  industry: "sector",
  "company size": "tamaño de empresa",
  country: "país",
  "job title": "cargo",
};

const es: Messages = {
  noEvidence: "Aún no hay evidencia.",
  recorded: (status) => `Registrado como ${esStatus[status]}.`,
  yes: "Respondió que sí.",
  no: "Respondió que no.",
  levelMet: (level, minimum) => `El nivel ${esLevel[level]} alcanza el mínimo, ${esLevel[minimum]}.`,
  levelNotMet: (level, minimum) => `El nivel ${esLevel[level]} no alcanza el mínimo, ${esLevel[minimum]}.`,
  amountCoversRange: (amount, max) =>
    `El importe ${round(amount)} cubre todo el rango de precios (hasta ${max}).`,
  amountCoversEntry: (amount, min) => `El importe ${round(amount)} cubre el precio de entrada, ${min}.`,
  amountBelow: (amount, min) => `El importe ${round(amount)} no llega al precio de entrada, ${min}.`,
  amountWithoutRange: (amount) => `Hay un importe de ${round(amount)}; no se indicó rango de precios.`,
  noAmount: "No hay dinero disponible (0).",
  dateWithin: (date, days) => `El plazo ${day(date)} cae dentro del horizonte de ${days} días.`,
  datePassed: (date) => `El plazo ${day(date)} ya ha pasado.`,
  dateTooFar: (date, days) => `El plazo ${day(date)} va más allá del horizonte de ${days} días.`,
  roleHasAuthority: (title, keyword) => `«${title}» tiene poder de compra (${keyword}).`,
  roleLacksAuthority: (title) => `«${title}» no es un rol con poder de compra.`,
  textRecorded: "Respuesta registrada.",
  textEmpty: "La respuesta está vacía.",
  atLeast: (met, unknown, total, count) =>
    `Se cumplen ${met} de ${total} criterios (desconocidos: ${unknown}); la regla exige ${count}.`,
  allRequired: (met, notMet, unknown, total) =>
    `Se cumplen ${met} de ${total} criterios (no cumplidos: ${notMet}, desconocidos: ${unknown}); todos son obligatorios.`,
  weighted: (metShare, possibleShare, threshold) =>
    `Peso cumplido ${percent(metShare)} (como mucho ${percent(possibleShare)} con los desconocidos); el umbral es ${percent(threshold)}.`,
  requiredNotMet: (label) => `El criterio obligatorio ${label} no se cumple.`,
  requiredUnknown: (label) => `El criterio obligatorio ${label} aún se desconoce.`,
  icpMismatch: (reason) => `Fuera del perfil de cliente ideal. ${reason}`,
  icpIndustryExcluded: (industry) => `El sector «${industry}» está excluido.`,
  icpIndustryOutside: (industry, expected) => `El sector «${industry}» no es uno de ${expected.join(", ")}.`,
  icpIndustryFits: (industry) => `El sector «${industry}» encaja.`,
  icpSizeOutside: (size, expected) => `El tamaño de empresa ${size} no es uno de ${expected.join(", ")}.`,
  icpSizeFits: (size) => `El tamaño de empresa ${size} encaja.`,
  icpCountryOutside: (country, expected) => `El país ${country} no es uno de ${expected.join(", ")}.`,
  icpCountryFits: (country) => `El país ${country} encaja.`,
  icpRoleExcluded: (title, keyword) => `El cargo «${title}» está excluido (${keyword}).`,
  icpRoleOutside: (title) => `El cargo «${title}» no es un cargo objetivo.`,
  icpRoleFits: (title) => `El cargo «${title}» encaja.`,
  icpUnknown: (field) => `Se desconoce el ${esField[field] ?? field} del contacto.`,
};

export const MESSAGES: Readonly<Record<QualificationLanguage, Messages>> = Object.freeze({
  en: Object.freeze(en),
  es: Object.freeze(es),
});
