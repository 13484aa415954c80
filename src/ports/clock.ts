/**
 * Where services read the current time. Injected so that tests, replays and batch jobs control it.
 *
 * @remarks
 * Domain functions never read the clock; the services layer asks this port once per operation and
 * passes the instant down as `now`.
 *
 * @example
 * ```ts
 * import type { Clock } from "leadkit/ports";
 * import { createLeadService } from "leadkit/services";
 * import { createInMemoryRepositories } from "leadkit/testing";
 *
 * const systemClock: Clock = { now: () => new Date() };
 * createLeadService({ repositories: createInMemoryRepositories(), clock: systemClock, ids: { next: () => crypto.randomUUID() } });
 * ```
 * @category Ports
 */
export interface Clock {
  /**
   * The current instant. Called once per service operation; a new `Date` each call, which the
   * caller may keep.
   *
   * @returns The current time.
   */
  now(): Date;
}
