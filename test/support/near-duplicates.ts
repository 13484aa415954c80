import type { PossibleDuplicateRecord } from "../../src/model/index.js";
import { createRandom, type Random } from "../../src/testing/random.js";

/**
 * A generated population of people with planted near-duplicates, to measure duplicate detection:
 * each planted copy of a person is written differently (a typo, accents, word order, "S.L." vs
 * "SL", another company domain, an address or a number one edit away, a number written without its
 * calling code) and shares no exact email or phone with the original. Namesakes at other companies
 * and colleagues at one company are there too, as the hard negatives.
 */
export interface NearDuplicateSet {
  readonly records: readonly PossibleDuplicateRecord[];
  /** The planted pairs, as "idA|idB" with the ids sorted. */
  readonly truth: ReadonlySet<string>;
  /** How each planted copy was written, by copy id. */
  readonly variations: ReadonlyMap<string, readonly string[]>;
}

const given = [
  "Ana",
  "Bruno",
  "Carmen",
  "Diego",
  "Elena",
  "Fernando",
  "Gloria",
  "Hugo",
  "Irene",
  "Javier",
  "Lucía",
  "Manuel",
  "Nuria",
  "Óscar",
  "Paula",
  "Raúl",
  "Sara",
  "Tomás",
  "Valeria",
  "Álvaro",
  "Inés",
  "José",
  "María",
  "Jesús",
  "Ángela",
  "Andrés",
  "Beatriz",
  "Cristina",
  "David",
  "Eva",
  "Francisco",
  "Gonzalo",
  "Héctor",
  "Isabel",
  "Jorge",
  "Laura",
  "Marta",
  "Nicolás",
  "Olga",
  "Pablo",
  "Rocío",
  "Sergio",
  "Teresa",
  "Víctor",
  "Ximena",
  "Yolanda",
  "Zoe",
  "Camila",
  "Mateo",
  "Sofía",
  "Emma",
  "James",
  "Olivia",
  "Liam",
  "Lukas",
  "Marie",
  "João",
  "Luís",
  "Giulia",
  "Matteo",
] as const;
const family = [
  "García",
  "Martínez",
  "López",
  "Sánchez",
  "Pérez",
  "Gómez",
  "Fernández",
  "Ruiz",
  "Díaz",
  "Moreno",
  "Álvarez",
  "Romero",
  "Navarro",
  "Torres",
  "Domínguez",
  "Vázquez",
  "Ramos",
  "Gil",
  "Ramírez",
  "Serrano",
  "Blanco",
  "Molina",
  "Morales",
  "Suárez",
  "Ortega",
  "Delgado",
  "Castro",
  "Ortiz",
  "Rubio",
  "Marín",
  "Sanz",
  "Núñez",
  "Iglesias",
  "Medina",
  "Garrido",
  "Cortés",
  "Castillo",
  "Santos",
  "Lozano",
  "Guerrero",
  "Cano",
  "Prieto",
  "Méndez",
  "Cruz",
  "Calvo",
  "Gallego",
  "Vidal",
  "León",
  "Márquez",
  "Herrera",
  "Peña",
  "Flores",
  "Cabrera",
  "Campos",
  "Vega",
  "Fuentes",
  "Carrasco",
  "Diez",
  "Reyes",
  "Caballero",
  "Nieto",
  "Aguilar",
  "Pascual",
  "Santana",
  "Herrero",
  "Montero",
  "Lorenzo",
  "Hidalgo",
  "Giménez",
  "Ibáñez",
  "Ferrer",
  "Durán",
  "Silva",
  "Rossi",
  "Müller",
  "Schmidt",
  "Dubois",
  "Smith",
] as const;
const stems = [
  "Acme",
  "Nimbus",
  "Órbita",
  "Solara",
  "Vértice",
  "Kappa",
  "Lumen",
  "Norte",
  "Brisa",
  "Cobalto",
  "Delta",
  "Ergo",
  "Faro",
  "Granito",
  "Hélix",
  "Iris",
  "Jade",
  "Koru",
  "Lince",
  "Mistral",
  "Nácar",
  "Ónix",
  "Pórtico",
  "Quásar",
  "Rumbo",
  "Sílice",
  "Tramontana",
  "Umbral",
  "Vanguardia",
  "Zénit",
] as const;
const sectors = [
  "Soluciones",
  "Logística",
  "Consultores",
  "Ingeniería",
  "Software",
  "Alimentación",
  "Energía",
  "Salud",
  "Capital",
  "Studio",
  "Systems",
  "Labs",
] as const;
const legalForms = [
  ["S.L.", "SL", "S. L.", "Sociedad Limitada"],
  ["S.A.", "SA", "S. A."],
  ["S.A. de C.V.", "SA de CV", "S.A. DE C.V."],
  ["Ltd", "Ltd.", "Limited"],
  ["GmbH", "GMBH"],
  ["Inc.", "Inc", "Incorporated"],
  ["S.L.U.", "SLU"],
] as const;
const calling = ["34", "34", "34", "52", "54", "57", "44", "49"] as const;

interface Person {
  readonly id: string;
  readonly given: string;
  readonly family1: string;
  readonly family2: string | undefined;
  readonly stem: string;
  readonly sector: string;
  readonly form: number;
  readonly email: string | undefined;
  readonly phone: { readonly code: string; readonly national: string } | undefined;
}

const slug = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

function companyName(p: Person, variant = 0): string {
  const forms = legalForms[p.form] as readonly string[];
  return `${p.stem} ${p.sector} ${forms[variant % forms.length]}`;
}

const domainOf = (p: Person): string => `${slug(p.stem)}${slug(p.sector)}.example`;
const fullName = (p: Person): string => [p.given, p.family1, p.family2].filter(Boolean).join(" ");

function newPerson(random: Random, id: string): Person {
  const first = random.pick(given);
  const second = random.chance(0.2) ? ` ${random.pick(given)}` : "";
  const person = {
    id,
    given: `${first}${second}`,
    family1: random.pick(family),
    family2: random.chance(0.7) ? random.pick(family) : undefined,
    stem: random.pick(stems),
    sector: random.pick(sectors),
    form: random.int(0, legalForms.length - 1),
  };
  const local = random.pick([
    `${slug(person.given)}.${slug(person.family1)}`,
    `${slug(person.given).slice(0, 1)}${slug(person.family1)}`,
    `${slug(person.given)}${slug(person.family1)}${random.int(1, 99)}`,
  ]);
  const personal = random.chance(0.2);
  const email = random.chance(0.9)
    ? `${local}@${personal ? random.pick(["gmail.com", "hotmail.com", "yahoo.es"]) : domainOf(person as Person)}`
    : undefined;
  const phone = random.chance(0.75)
    ? { code: random.pick(calling), national: `${random.int(600, 699)}${random.int(100000, 999999)}` }
    : undefined;
  return { ...person, email, phone };
}

/** One edit (swap, deletion or substitution) that always changes the word; from `alphabet` when given. */
function typo(random: Random, word: string, alphabet = "aeionr"): string {
  if (word.length < 4) return word;
  for (;;) {
    const i = random.int(1, word.length - 2);
    let changed: string;
    switch (random.int(0, 2)) {
      case 0:
        changed = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
        break;
      case 1:
        changed = `${word.slice(0, i)}${word.slice(i + 1)}`;
        break;
      default:
        changed = `${word.slice(0, i)}${alphabet[random.int(0, alphabet.length - 1)]}${word.slice(i + 1)}`;
    }
    if (changed !== word) return changed;
  }
}

const stripAccents = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");

/** Writes a copy of a person as another system or another form would. */
function plantCopy(
  random: Random,
  p: Person,
  id: string,
): { record: PossibleDuplicateRecord; how: string[] } {
  const how: string[] = [];
  let g = p.given;
  let f1 = p.family1;
  let f2 = p.family2;
  const nameChanges = random.int(1, 2);
  for (let k = 0; k < nameChanges; k++) {
    const change = random.pick(["typo", "accents", "reordered", "case", "second_surname"] as const);
    how.push(change);
    if (change === "typo") {
      if (random.chance(0.5)) f1 = typo(random, f1);
      else g = typo(random, g);
    } else if (change === "accents") {
      g = stripAccents(g);
      f1 = stripAccents(f1);
      f2 = f2 === undefined ? undefined : stripAccents(f2);
    } else if (change === "case") {
      g = g.toUpperCase();
      f1 = f1.toUpperCase();
      f2 = f2?.toUpperCase();
    } else if (change === "second_surname") {
      f2 = f2 === undefined ? random.pick(family) : undefined;
    }
  }
  const reordered = how.includes("reordered");
  const name = reordered
    ? `${[f1, f2].filter(Boolean).join(" ")}, ${g}`
    : [g, f1, f2].filter(Boolean).join(" ");
  let company = companyName(p, random.int(1, 3));
  how.push("legal_form");
  if (random.chance(0.3)) company = stripAccents(company).toUpperCase();
  let email: string | undefined;
  let phone: string | undefined;
  const channel = random.pick([
    "other_domain",
    "email_typo",
    "phone_format",
    "no_channels",
    "phone_typo",
  ] as const);
  how.push(channel);
  if (channel === "other_domain") {
    const local = p.email?.split("@")[0] ?? `${slug(p.given)}.${slug(p.family1)}`;
    const other = random.pick(stems);
    company = `${other} ${random.pick(sectors)} ${random.pick(legalForms[0])}`;
    email = `${local}@${slug(other)}group.example`;
  } else if (channel === "email_typo" && p.email !== undefined) {
    const [local, domain] = p.email.split("@") as [string, string];
    email = random.chance(0.5)
      ? `${typo(random, local)}@${domain}`
      : `${local}@${typo(random, domain.split(".")[0] ?? "")}.example`;
  } else if (channel === "phone_format" && p.phone !== undefined) {
    phone = p.phone.national.replace(/(\d{3})(\d{3})(\d{3})/, "$1 $2 $3");
  } else if (channel === "phone_typo" && p.phone !== undefined) {
    phone = `+${p.phone.code} ${typo(random, p.phone.national, "0123456789")}`;
  }
  return {
    record: {
      id,
      contact: {
        name,
        company,
        ...(email === undefined ? {} : { email }),
        ...(phone === undefined ? {} : { phone }),
      },
    },
    how,
  };
}

function toRecord(p: Person): PossibleDuplicateRecord {
  return {
    id: p.id,
    contact: {
      name: fullName(p),
      company: companyName(p),
      ...(p.email === undefined ? {} : { email: p.email }),
      ...(p.phone === undefined ? {} : { phone: `+${p.phone.code} ${p.phone.national}` }),
    },
  };
}

/**
 * Generates `people` distinct people, plants a copy of `duplicateRate` of them, and adds namesakes
 * (same given name and first surname, another company and channels) for `namesakeRate` of them.
 */
export function generateNearDuplicateSet(options: {
  readonly seed: number;
  readonly people: number;
  readonly duplicateRate?: number;
  readonly namesakeRate?: number;
}): NearDuplicateSet {
  const random = createRandom(options.seed);
  const people: Person[] = [];
  for (let i = 0; i < options.people; i++) people.push(newPerson(random, `p${i}`));
  const records = people.map(toRecord);
  const truth = new Set<string>();
  const variations = new Map<string, readonly string[]>();
  for (const p of people) {
    if (random.chance(options.duplicateRate ?? 0.15)) {
      const id = `${p.id}-copy`;
      const { record, how } = plantCopy(random, p, id);
      records.push(record);
      truth.add([p.id, id].sort().join("|"));
      variations.set(id, how);
    }
    if (random.chance(options.namesakeRate ?? 0.05)) {
      const namesake = newPerson(random, `${p.id}-namesake`);
      records.push(toRecord({ ...namesake, given: p.given, family1: p.family1 }));
    }
  }
  // Interleave, as records arrive in no particular order.
  for (let i = records.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [records[i], records[j]] = [records[j] as PossibleDuplicateRecord, records[i] as PossibleDuplicateRecord];
  }
  return { records, truth, variations };
}

/** Precision and recall of predicted pairs against the planted ones. */
export function precisionRecall(
  predicted: Iterable<readonly [string, string]>,
  truth: ReadonlySet<string>,
): {
  readonly precision: number;
  readonly recall: number;
  readonly truePositives: number;
  readonly predicted: number;
} {
  let tp = 0;
  let n = 0;
  for (const [a, b] of predicted) {
    n++;
    if (truth.has([a, b].sort().join("|"))) tp++;
  }
  return {
    precision: n === 0 ? 1 : tp / n,
    recall: truth.size === 0 ? 1 : tp / truth.size,
    truePositives: tp,
    predicted: n,
  };
}
