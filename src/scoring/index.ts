export * from "./predictive/index.js";
