import "server-only";
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// Which non-public targets an operator has opted in to (ALLOW_PRIVATE_TARGETS, ALLOWED_TARGET_HOSTS).
export type TargetPolicy = { allowPrivateTargets: boolean; allowedTargetHosts: string[] };

export function targetPolicy(): TargetPolicy {
  const { ALLOW_PRIVATE_TARGETS, ALLOWED_TARGET_HOSTS } = env();
  return {
    allowPrivateTargets: ALLOW_PRIVATE_TARGETS ?? false,
    allowedTargetHosts: ALLOWED_TARGET_HOSTS ?? [],
  };
}

export type TargetRefusal = {
  ok: false;
  kind: "invalid" | "dns" | "blocked";
  message: string;
  /** The refused address, for "blocked". */
  address?: string;
};

export type ApprovedTarget = {
  ok: true;
  url: URL;
  /** The URL's host without IPv6 brackets or a trailing dot: what SNI and the Host header use. */
  host: string;
  /** Every address the host resolved to, all checked; the connection must use one of these and no other. */
  addresses: LookupAddress[];
};

export type TargetCheck = ApprovedTarget | TargetRefusal;

// Metadata services that answer on addresses a range check alone would not all catch
// (AWS/GCP/Azure/OpenStack link-local, AWS IPv6, Azure's wire server, Alibaba).
const METADATA_ADDRESSES = new Set(
  ["169.254.169.254", "fd00:ec2::254", "168.63.129.16", "100.100.100.200"].map((ip) =>
    ipaddr.parse(ip).toNormalizedString(),
  ),
);
// Only 2000::/3 is allocated as global unicast; anything else unlisted by ipaddr.js is unassigned.
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR("2000::/3");

/** Why `ip` is not a public address ("loopback", "private", …), or null when it is public. */
export function nonPublicReason(ip: string): string | null {
  if (isIP(ip) === 0) return "not an IP address";
  const address = ipaddr.parse(ip);
  return address.kind() === "ipv4" ? ipv4Reason(address as ipaddr.IPv4) : ipv6Reason(address as ipaddr.IPv6);
}

/** Whether a connection to `ip` reaches the public internet rather than this host, its networks or its cloud. */
export function isPublicAddress(ip: string): boolean {
  return nonPublicReason(ip) === null;
}

function ipv4Reason(address: ipaddr.IPv4): string | null {
  if (METADATA_ADDRESSES.has(address.toNormalizedString())) return "cloud metadata";
  const range = address.range();
  return range === "unicast" ? null : range;
}

function ipv6Reason(address: ipaddr.IPv6): string | null {
  if (METADATA_ADDRESSES.has(address.toNormalizedString())) return "cloud metadata";
  const range = address.range();
  if (range === "unspecified" || range === "loopback") return range;
  const embedded = embeddedIPv4(address);
  if (embedded) {
    for (const inner of embedded.addresses) {
      const reason = ipv4Reason(inner);
      if (reason) return `${reason} (${embedded.via})`;
    }
    return null;
  }
  if (range !== "unicast") return range;
  return address.match(GLOBAL_UNICAST) ? null : "reserved";
}

const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

// IPv6 forms that carry an IPv4 address and reach it: those are judged by the IPv4 address inside.
function embeddedIPv4(address: ipaddr.IPv6): { via: string; addresses: ipaddr.IPv4[] } | null {
  const p = address.parts as [number, number, number, number, number, number, number, number];
  const tail = v4(p[6], p[7]);
  const zero = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  if (zero(0, 5) && p[5] === 0xffff) return { via: "IPv4-mapped", addresses: [tail] };
  if (zero(0, 4) && p[4] === 0xffff && p[5] === 0) return { via: "IPv4-translated", addresses: [tail] };
  if (zero(0, 6)) return { via: "IPv4-compatible", addresses: [tail] };
  if (p[0] === 0x64 && p[1] === 0xff9b && zero(2, 6)) return { via: "NAT64", addresses: [tail] };
  if (p[0] === 0x2002) return { via: "6to4", addresses: [v4(p[1], p[2])] };
  // Teredo: server address in clear, client address inverted in the last 32 bits.
  if (p[0] === 0x2001 && p[1] === 0) {
    return { via: "Teredo", addresses: [v4(p[2], p[3]), v4(p[6] ^ 0xffff, p[7] ^ 0xffff)] };
  }
  return null;
}

/** The host of a payload URL, for comparing with ALLOWED_TARGET_HOSTS and for looking up. */
function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.+$/, "");
}

type Allowance = { hosts: Set<string>; ranges: [Address, number][] };

function allowanceOf(policy: TargetPolicy): Allowance {
  const allowance: Allowance = { hosts: new Set(), ranges: [] };
  for (const entry of policy.allowedTargetHosts) {
    const host = normalizeHost(entry.trim());
    if (ipaddr.isValidCIDR(host)) allowance.ranges.push(ipaddr.parseCIDR(host));
    else if (isIP(host) !== 0) {
      const address = ipaddr.process(host);
      allowance.ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else allowance.hosts.add(host);
  }
  return allowance;
}

function allowsAddress(allowance: Allowance, ip: string): boolean {
  const address = ipaddr.process(ip);
  return allowance.ranges.some(
    ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
  );
}

function parseTarget(target: string | URL): { url: URL; host: string } | TargetRefusal {
  let url: URL;
  try {
    url = typeof target === "string" ? new URL(target) : target;
  } catch {
    return { ok: false, kind: "invalid", message: "the payload URL is not a valid URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      kind: "invalid",
      message: `the payload URL must use http or https, not ${url.protocol}`,
    };
  }
  const host = normalizeHost(url.hostname);
  if (host === "") return { ok: false, kind: "invalid", message: "the payload URL has no host" };
  return { url, host };
}

// RFC 6761: localhost names always mean this machine, whatever a resolver says.
const isLocalhostName = (host: string) => host === "localhost" || host.endsWith(".localhost");

function refusal(host: string, addresses: readonly string[], policy: TargetPolicy): TargetRefusal | null {
  if (policy.allowPrivateTargets) return null;
  const allowance = allowanceOf(policy);
  if (allowance.hosts.has(host)) return null;
  for (const address of addresses) {
    const reason = nonPublicReason(address);
    if (reason && !allowsAddress(allowance, address)) {
      const resolved = address === host ? "" : ` resolves to ${address}, which`;
      return {
        ok: false,
        kind: "blocked",
        address,
        message:
          `${host}${resolved} is not a public address (${reason}); ` +
          "set ALLOWED_TARGET_HOSTS or ALLOW_PRIVATE_TARGETS=true to allow it",
      };
    }
  }
  return null;
}

/**
 * Resolves the payload URL's host (every IPv4 and IPv6 address) and approves it only when each address is
 * public or opted in. Failing to resolve is a refusal too: a check that cannot run must not let a request through.
 * Connect only to the returned addresses, so a second lookup cannot swap in another (DNS rebinding).
 */
export async function checkTarget(target: string | URL, policy: TargetPolicy): Promise<TargetCheck> {
  const parsed = parseTarget(target);
  if ("ok" in parsed) return parsed;
  const { url, host } = parsed;

  let addresses: LookupAddress[];
  const family = isIP(host);
  if (family !== 0) addresses = [{ address: host, family }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return { ok: false, kind: "dns", message: `could not resolve ${host} (${code})` };
    }
    if (addresses.length === 0) return { ok: false, kind: "dns", message: `${host} has no addresses` };
  }

  const refused = refusal(
    host,
    addresses.map((entry) => entry.address),
    policy,
  );
  return refused ?? { ok: true, url, host, addresses };
}

export type LiteralTargetCheck = { ok: true } | TargetRefusal;

/**
 * The part of `checkTarget` that needs no DNS, for validating a payload URL when it is saved: refuses IP
 * literals and localhost names that are not public unless opted in. Other hostnames pass here and are
 * resolved and checked by `checkTarget` (when saving on the server, and again before every send).
 */
export function checkLiteralTarget(target: string | URL, policy: TargetPolicy): LiteralTargetCheck {
  const parsed = parseTarget(target);
  if ("ok" in parsed) return parsed;
  const { host } = parsed;
  if (isIP(host) !== 0) return refusal(host, [host], policy) ?? { ok: true };
  if (isLocalhostName(host)) return refusal(host, ["127.0.0.1"], policy) ?? { ok: true };
  return { ok: true };
}

/**
 * The check when a payload URL is saved: refuses URLs that are, or resolve to, non-public addresses. Unlike
 * the check before sending it lets a name that does not resolve (yet) pass: delivery refuses it until it does.
 */
export async function checkTargetForSave(target: string, policy: TargetPolicy): Promise<LiteralTargetCheck> {
  const literal = checkLiteralTarget(target, policy);
  if (!literal.ok) return literal;
  // A slow resolver must not hold up saving: after 3 s the name counts as not resolving.
  const timeout = new Promise<TargetCheck>((resolve) =>
    setTimeout(() => resolve({ ok: false, kind: "dns", message: "lookup timed out" }), 3000).unref(),
  );
  const resolved = await Promise.race([checkTarget(target, policy), timeout]);
  return resolved.ok || resolved.kind === "dns" ? { ok: true } : resolved;
}
