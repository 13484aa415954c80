// Every public entry but `leadkit/testing`, imported whole: size-limit measures what an app that uses
// all of leadkit ships (see .size-limit.json). Not part of the package.
export * as leadkit from "../dist/index.js";
export * as lifecycle from "../dist/lifecycle/index.js";
export * as metrics from "../dist/metrics/index.js";
export * as origin from "../dist/origin/index.js";
export * as ports from "../dist/ports/index.js";
export * as postgres from "../dist/postgres/index.js";
export * as qualification from "../dist/qualification/index.js";
export * as scoring from "../dist/scoring/index.js";
export * as services from "../dist/services/index.js";
