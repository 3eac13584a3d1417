import { describe, expect, it } from "vitest";
import {
  checkLiteralTarget,
  checkTarget,
  isPublicAddress,
  nonPublicReason,
  type TargetPolicy,
} from "@/lib/targets/guard";

const strict: TargetPolicy = { allowPrivateTargets: false, allowedTargetHosts: [] };
const allowAll: TargetPolicy = { allowPrivateTargets: true, allowedTargetHosts: [] };
const allowHosts = (...hosts: string[]): TargetPolicy => ({
  allowPrivateTargets: false,
  allowedTargetHosts: hosts,
});

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.127.255.254", "carrierGradeNat"],
    ["169.254.1.1", "linkLocal"],
    ["169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    ["168.63.129.16", "cloud metadata"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["2001:db8::1", "reserved"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["fe80::1%lo", "linkLocal"],
    ["100::1", "discard"],
    ["::ffff:127.0.0.1", "loopback (IPv4-mapped)"],
    ["::ffff:7f00:1", "loopback (IPv4-mapped)"],
    ["::ffff:10.0.0.1", "private (IPv4-mapped)"],
    ["::ffff:169.254.169.254", "cloud metadata (IPv4-mapped)"],
    ["::7f00:1", "loopback (IPv4-compatible)"],
    ["64:ff9b::7f00:1", "loopback (NAT64)"],
    ["2002:7f00:1::1", "loopback (6to4)"],
    ["2002:c0a8:101::1", "private (6to4)"],
    // Teredo with the client address 127.0.0.1 stored inverted in the last 32 bits.
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback (Teredo)"],
  ])("refuses %s (%s)", (ip, reason) => {
    expect(isPublicAddress(ip)).toBe(false);
    expect(nonPublicReason(ip)).toBe(reason);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "2002:808:808::1",
    "64:ff9b::808:808",
  ])("accepts the public address %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it("is false for anything that is not an IP address", () => {
    expect(isPublicAddress("example.com")).toBe(false);
    expect(isPublicAddress("127.1")).toBe(false);
    expect(isPublicAddress("")).toBe(false);
  });
});

describe("checkTarget", () => {
  it.each([
    ["http://127.0.0.1:8080/hook", "127.0.0.1"],
    ["http://[::1]/hook", "::1"],
    ["http://10.0.0.1/", "10.0.0.1"],
    ["http://192.168.0.10/", "192.168.0.10"],
    ["http://172.16.5.4/", "172.16.5.4"],
    ["http://100.64.1.1/", "100.64.1.1"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[fc00::1]/", "fc00::1"],
    ["http://[fe80::1]/", "fe80::1"],
    ["http://0.0.0.0:3000/", "0.0.0.0"],
    // Numeric host spellings are normalised by the URL parser before the check.
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
  ])("refuses %s without an opt-in", async (url, address) => {
    const check = await checkTarget(url, strict);
    expect(check).toMatchObject({ ok: false, kind: "blocked", address });
    if (!check.ok) expect(check.message).toContain("ALLOW_PRIVATE_TARGETS");
  });

  it("refuses a hostname that resolves to 127.0.0.1", async () => {
    const check = await checkTarget("http://localhost:4000/hook", strict);
    expect(check).toMatchObject({ ok: false, kind: "blocked", address: "127.0.0.1" });
    if (!check.ok)
      expect(check.message).toMatch(
        /^localhost resolves to 127\.0\.0\.1, which is not a public address \(loopback\)/,
      );
  });

  it("allows every private target with ALLOW_PRIVATE_TARGETS and returns the addresses to connect to", async () => {
    const check = await checkTarget("http://localhost:4000/hook", allowAll);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.host).toBe("localhost");
    expect(check.addresses.map((entry) => entry.address)).toContain("127.0.0.1");
    expect(await checkTarget("http://[::1]:4000/", allowAll)).toMatchObject({
      ok: true,
      host: "::1",
      addresses: [{ address: "::1", family: 6 }],
    });
    expect((await checkTarget("http://169.254.169.254/", allowAll)).ok).toBe(true);
  });

  it("allows a host listed in ALLOWED_TARGET_HOSTS and nothing else", async () => {
    expect((await checkTarget("http://localhost:4000/", allowHosts("localhost"))).ok).toBe(true);
    expect((await checkTarget("http://LOCALHOST.:4000/", allowHosts("localhost"))).ok).toBe(true);
    expect((await checkTarget("http://localhost:4000/", allowHosts("hooks.internal"))).ok).toBe(false);
    expect((await checkTarget("http://127.0.0.1:4000/", allowHosts("localhost"))).ok).toBe(false);
  });

  it("allows addresses and ranges listed in ALLOWED_TARGET_HOSTS, for literals and resolved names", async () => {
    expect((await checkTarget("http://127.0.0.1:4000/", allowHosts("127.0.0.1"))).ok).toBe(true);
    expect((await checkTarget("http://localhost:4000/", allowHosts("127.0.0.1"))).ok).toBe(true);
    expect((await checkTarget("http://[::1]:4000/", allowHosts("[::1]"))).ok).toBe(true);
    expect((await checkTarget("http://10.9.8.7/", allowHosts("10.0.0.0/8"))).ok).toBe(true);
    expect((await checkTarget("http://11.0.0.1/", allowHosts("10.0.0.0/8"))).ok).toBe(true);
    expect((await checkTarget("http://192.168.0.1/", allowHosts("10.0.0.0/8"))).ok).toBe(false);
    expect((await checkTarget("http://[::ffff:10.1.1.1]/", allowHosts("10.0.0.0/8"))).ok).toBe(true);
  });

  it("passes a public IP literal without connecting to it", async () => {
    expect(await checkTarget("https://93.184.215.14/hook", strict)).toMatchObject({
      ok: true,
      host: "93.184.215.14",
      addresses: [{ address: "93.184.215.14", family: 4 }],
    });
  });

  it("refuses a host that does not resolve, even with ALLOW_PRIVATE_TARGETS", async () => {
    for (const policy of [strict, allowAll]) {
      const check = await checkTarget("https://does-not-exist.invalid/hook", policy);
      expect(check).toMatchObject({ ok: false, kind: "dns" });
    }
  });

  it("refuses URLs that are not http or https", async () => {
    expect(await checkTarget("ftp://example.com/", allowAll)).toMatchObject({ ok: false, kind: "invalid" });
    expect(await checkTarget("not a url", allowAll)).toMatchObject({ ok: false, kind: "invalid" });
  });
});

describe("checkLiteralTarget (at save time)", () => {
  it("refuses non-public IP literals and localhost names without resolving anything", () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://[::1]:3000/",
      "http://169.254.169.254/",
      "http://[::ffff:127.0.0.1]/",
      "http://localhost:3000/hook",
      "http://app.localhost/",
    ]) {
      expect(checkLiteralTarget(url, strict)).toMatchObject({ ok: false, kind: "blocked" });
    }
  });

  it("leaves hostnames to the check before sending, and accepts public literals", () => {
    expect(checkLiteralTarget("https://hooks.example.com/x", strict)).toEqual({ ok: true });
    expect(checkLiteralTarget("https://does-not-exist.invalid/x", strict)).toEqual({ ok: true });
    expect(checkLiteralTarget("http://93.184.215.14/", strict)).toEqual({ ok: true });
  });

  it("accepts private targets that are opted in", () => {
    expect(checkLiteralTarget("http://localhost:3000/", allowAll)).toEqual({ ok: true });
    expect(checkLiteralTarget("http://localhost:3000/", allowHosts("localhost"))).toEqual({ ok: true });
    expect(checkLiteralTarget("http://127.0.0.1:3000/", allowHosts("127.0.0.1"))).toEqual({ ok: true });
    expect(checkLiteralTarget("http://10.0.0.2/", allowHosts("127.0.0.1"))).toMatchObject({ ok: false });
  });

  it("refuses URLs that are not http or https", () => {
    expect(checkLiteralTarget("javascript:alert(1)", allowAll)).toMatchObject({ ok: false, kind: "invalid" });
  });
});
