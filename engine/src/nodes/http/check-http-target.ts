import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { FlowError } from "../../errors.ts";
import type { HttpPolicy } from "./http-policy.ts";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** How an `allowedHosts` entry matches: by host name, by address range, or any public host. */
type HostRule =
  | { kind: "any-public" }
  | { kind: "name"; name: string }
  | { kind: "subdomain"; suffix: string }
  | { kind: "range"; range: [Address, number] };

function ruleOf(entry: string): HostRule {
  const text = entry.trim().toLowerCase();
  if (text === "*") return { kind: "any-public" };
  if (text.startsWith("*.")) return { kind: "subdomain", suffix: text.slice(1) };
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.isValidCIDR(bare)) return { kind: "range", range: ipaddr.parseCIDR(bare) };
  if (ipaddr.isValid(bare)) {
    const address = ipaddr.process(bare);
    return { kind: "range", range: [address, address.kind() === "ipv4" ? 32 : 128] };
  }
  return { kind: "name", name: text };
}

function inRange(address: Address, [network, bits]: [Address, number]): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

const RANGE_NAMES: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  uniqueLocal: "a private address",
  linkLocal: "a link-local address (where cloud metadata services answer)",
  unspecified: "an unspecified address",
  carrierGradeNat: "a carrier-grade NAT address",
};

async function systemLookup(hostname: string): Promise<string[]> {
  return (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address }) => address);
}

/**
 * Compiles a policy's host list once; the check it returns refuses (FlowError "node_failed") a
 * URL whose host the deployment does not allow, resolving host names first: a name that resolves
 * to a private address is refused like the address itself, unless it is listed.
 *
 * @example
 * const check = hostChecker({ allowedHosts: ["*", "orders.internal"] });
 * await check(new URL("http://169.254.169.254/")); // throws: … a link-local address …
 */
export function hostChecker(policy: HttpPolicy) {
  const rules = (policy.allowedHosts ?? []).filter((entry) => entry.trim()).map(ruleOf);
  const anyPublic = rules.length === 0 || rules.some((rule) => rule.kind === "any-public");
  const lookup = policy.lookup ?? systemLookup;
  const listedByName = (host: string) =>
    rules.some(
      (rule) =>
        (rule.kind === "name" && rule.name === host) ||
        (rule.kind === "subdomain" && host.endsWith(rule.suffix)),
    );
  const listedAddress = (address: Address) =>
    rules.some((rule) => rule.kind === "range" && inRange(address, rule.range));

  return async (url: URL): Promise<void> => {
    const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
    if (listedByName(host)) return;
    const refuse = (why: string): never => {
      throw new FlowError(
        "node_failed",
        `Calling ${host} is not allowed: ${why}. The deployment's allowed hosts (HTTP_ALLOWED_HOSTS) decide which hosts http nodes may call.`,
      );
    };
    let found: string[];
    if (ipaddr.isValid(host)) found = [host];
    else {
      try {
        found = await lookup(host);
      } catch (cause) {
        throw new FlowError("node_failed", `The host ${host} could not be resolved.`, { cause });
      }
    }
    for (const text of found) {
      const address = ipaddr.process(text);
      if (listedAddress(address)) continue;
      if (!anyPublic) refuse("it is not one of the deployment's allowed hosts");
      const range = address.range();
      if (range === "unicast") continue;
      const what = RANGE_NAMES[range] ?? `a reserved address (${range})`;
      refuse(text === host ? `it is ${what}` : `it resolves to ${text}, ${what}`);
    }
  };
}
