export {
  DEFAULT_SELLERS,
  type GenerateLeadsOptions,
  generateLeadStream,
  generateLeads,
} from "./generate-leads.js";
export { createRandom, deriveSeed, type Random } from "./random.js";
