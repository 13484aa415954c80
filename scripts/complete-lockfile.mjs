// The npm registry mirror these machines use lacks some other-platform binaries (for example
// @biomejs/cli-darwin-arm64), so `npm install` leaves them out of package-lock.json and `npm ci`
// then refuses the lock as out of sync. This adds an entry, with the platform it is for, for every
// optional platform package a locked package declares but the lock lacks. npm never fetches an
// optional package whose os/cpu does not match, so the entries only complete the lock.
// Run after `npm install`: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
const osNames = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "openbsd",
  "openharmony",
  "win32",
  "sunos",
  "aix",
  "netbsd",
];
const cpuNames = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "loong64",
  "ppc64",
  "riscv64",
  "s390x",
  "mips64el",
  "wasm32",
];
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const parts = name.split(/[/-]/);
    const os = osNames.find((o) => parts.includes(o));
    const cpu = cpuNames.find((c) => parts.includes(c) || (c === "arm" && parts.includes("eabi")));
    if (os === undefined || cpu === undefined) continue;
    const base = path === "" ? "" : `${path}/`;
    if (
      packages[`${base}node_modules/${name}`] !== undefined ||
      packages[`node_modules/${name}`] !== undefined
    )
      continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue;
    const libc = parts.includes("musl")
      ? ["musl"]
      : os === "linux" && parts.includes("gnu")
        ? ["glibc"]
        : undefined;
    packages[`node_modules/${name}`] = {
      version: spec,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      optional: true,
      os: [os],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
