import { DISPOSABLE_DOMAINS_TEXT } from "./disposable-email-domains.js";
import { emailDomain } from "./normalize.js";

let snapshot: ReadonlySet<string> | undefined;

/** The snapshot as a set, built on first use so that importing leadkit costs nothing for it. */
function disposableDomains(): ReadonlySet<string> {
  snapshot ??= new Set(DISPOSABLE_DOMAINS_TEXT.split("\n"));
  return snapshot;
}

// A host name has at most 253 characters (RFC 1035); longer input is not a domain, and the bound
// keeps the parent-domain walk linear.
const MAX_HOST_LENGTH = 253;

/**
 * Options for {@link isDisposableEmail} and {@link isDisposableEmailDomain}.
 *
 * @example
 * ```ts
 * import { type DisposableEmailOptions, isDisposableEmail } from "leadkit";
 *
 * const options: DisposableEmailOptions = { extra: ["throwaway.example"] };
 * isDisposableEmail("ana@throwaway.example", options); // true
 * ```
 * @category Model
 */
export interface DisposableEmailOptions {
  /** More domains to treat as disposable, besides the snapshot (or the predicate). */
  readonly extra?: Iterable<string>;
  /**
   * Replaces the built-in snapshot: tells whether a lowercased domain is disposable, e.g. from a
   * list your application keeps current or a verification service's answer.
   */
  readonly isDisposableDomain?: (domain: string) => boolean;
}

/**
 * Tells whether a domain belongs to a disposable ("temporary", "burner") email service, such as
 * `mailinator.com`, or is a subdomain of one.
 *
 * @remarks
 * The built-in list holds the well-known services (Mailinator, Guerrilla Mail, YOPmail, 10 Minute
 * Mail, Temp Mail, Maildrop, Trashmail…, about 120 domains), each one checked against the
 * disposable-email-domains project's list (CC0-1.0) when leadkit was built and shipped as data:
 * leadkit has no run-time dependency for it, and it weighs about 0.6 kB brotlied where the whole list
 * would add about 45 kB to every bundle that scores or captures leads. For every domain that project lists, pass its list as `isDisposableDomain`
 * (e.g. `isDisposableEmailDomain` of the `disposable-email-domains-js` package); `extra` adds
 * domains of your own.
 *
 * @param domain - A domain such as `"mailinator.com"`; case, surrounding spaces, a leading `www.` and
 *   a trailing dot are ignored.
 * @param options - See {@link DisposableEmailOptions}.
 * @returns `true` for a disposable domain or a subdomain of one.
 * @example
 * ```ts
 * import { isDisposableEmailDomain } from "leadkit";
 *
 * isDisposableEmailDomain("mailinator.com");     // true
 * isDisposableEmailDomain("inbox.mailinator.com"); // true: a subdomain
 * isDisposableEmailDomain("acme.es");            // false
 * ```
 * @category Model
 */
export function isDisposableEmailDomain(domain: string, options: DisposableEmailOptions = {}): boolean {
  let host = domain.trim().toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.startsWith("www.")) host = host.slice(4);
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return false;
  let extra: Set<string> | undefined;
  if (options.extra !== undefined) {
    extra = new Set<string>();
    for (const e of options.extra) extra.add(e.trim().toLowerCase());
  }
  const listed = options.isDisposableDomain ?? ((d: string) => disposableDomains().has(d));
  // The domain itself, then each parent with at least two labels ("a.b.mailinator.com" →
  // "b.mailinator.com" → "mailinator.com"), never a bare top-level domain.
  for (let at = 0; at !== -1 && host.indexOf(".", at) !== -1; at = nextLabel(host, at)) {
    const candidate = host.slice(at);
    if (extra?.has(candidate) === true || listed(candidate)) return true;
  }
  return false;
}

function nextLabel(host: string, at: number): number {
  const dot = host.indexOf(".", at);
  return dot === -1 ? -1 : dot + 1;
}

/**
 * Tells whether an email address is on a disposable email service (see
 * {@link isDisposableEmailDomain}): a signal that the address will not reach a person for long.
 *
 * @param email - A raw address.
 * @param options - See {@link DisposableEmailOptions}.
 * @returns `true` for a disposable address; `false` for others and for invalid input.
 * @example
 * ```ts
 * import { isDisposableEmail } from "leadkit";
 *
 * isDisposableEmail("ana@mailinator.com"); // true
 * isDisposableEmail("ana@gmail.com");      // false: free mail, but a lasting mailbox
 * isDisposableEmail("ana@acme.es", { extra: ["acme.es"] }); // true
 * ```
 * @category Model
 */
export function isDisposableEmail(
  email: string | undefined | null,
  options: DisposableEmailOptions = {},
): boolean {
  const domain = emailDomain(email);
  return domain !== null && isDisposableEmailDomain(domain, options);
}
