import { describe, expect, it } from "vitest";
import { isIpLiteral, nonPublicRange, parseIp } from "../../src/io/fetch/ip-ranges.ts";

describe("nonPublicRange", () => {
  it.each([
    ["10.0.0.1", "10.0.0.0/8"],
    ["172.16.0.1", "172.16.0.0/12"],
    ["172.31.255.255", "172.16.0.0/12"],
    ["192.168.1.10", "192.168.0.0/16"],
    ["127.0.0.1", "127.0.0.0/8"],
    ["127.255.0.9", "127.0.0.0/8"],
    ["169.254.169.254", "169.254.0.0/16"],
    ["0.0.0.0", "0.0.0.0/8"],
    ["100.64.0.1", "100.64.0.0/10"],
    ["100.127.255.254", "100.64.0.0/10"],
    ["224.0.0.251", "224.0.0.0/4"],
    ["255.255.255.255", "240.0.0.0/4"],
    ["::1", "::1/128"],
    ["::", "::/128"],
    ["[::1]", "::1/128"],
    ["fe80::1", "fe80::/10"],
    ["fe80::1%eth0", "fe80::/10"],
    ["febf::1", "fe80::/10"],
    ["fc00::1", "fc00::/7"],
    ["fd12:3456::1", "fc00::/7"],
    ["ff02::1", "ff00::/8"],
    ["2001:db8::1", "2001:db8::/32"],
    ["::7f00:1", "::/96"],
    ["::ffff:10.0.0.1", "::ffff:0:0/96"],
    ["::ffff:7f00:1", "::ffff:0:0/96"],
    ["::ffff:169.254.169.254", "::ffff:0:0/96"],
    ["64:ff9b::a00:1", "64:ff9b::/96"],
    ["2002:c0a8:101::1", "2002::/16"],
    ["::ffff:0:127.0.0.1", "::ffff:0:0:0/96"],
    ["::ffff:0:a00:1", "::ffff:0:0:0/96"],
    ["64:ff9b::127.0.0.1", "64:ff9b::/96"],
    ["64:ff9b:1::808:808", "64:ff9b:1::/48"],
    ["2002:7f00:1::", "2002::/16"],
    ["::127.0.0.1", "::/96"],
    ["::8.8.8.8", "::/96"],
    // Teredo: the client 127.0.0.1 is carried inverted (80ff:fffe); the server 10.0.0.1 in the clear.
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "2001::/32"],
    ["2001:0:a00:1:8000:63bf:f7f7:f7f7", "2001::/32"],
  ])("%s is in %s", (address, cidr) => {
    expect(nonPublicRange(address)?.cidr).toBe(cidr);
  });

  it.each(["8.8.8.8", "93.184.216.34", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4010:c0e::8a", "::ffff:8.8.8.8", "::ffff:0:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"])(
    "%s is public",
    (address) => {
      expect(nonPublicRange(address)).toBeNull();
    },
  );

  it("names the IPv4 range an IPv4-mapped address lands in", () => {
    expect(nonPublicRange("::ffff:127.0.0.1")?.label).toContain("loopback 127.0.0.0/8");
    expect(nonPublicRange("::ffff:0:127.0.0.1")?.label).toBe("IPv4-translated (RFC 6145) form of loopback 127.0.0.0/8");
    expect(nonPublicRange("2001:0:4136:e378:8000:63bf:80ff:fffe")?.label).toBe("Teredo form of loopback 127.0.0.0/8");
    expect(nonPublicRange("169.254.169.254")?.label).toContain("metadata");
  });

  it("throws on text that is not an address", () => {
    expect(() => nonPublicRange("example.com")).toThrow(/"example.com" is not an IPv4 or IPv6 address/);
  });
});

describe("parseIp", () => {
  it("gives one value to every spelling of an address", () => {
    expect(parseIp("::1")).toEqual(parseIp("0:0:0:0:0:0:0:1"));
    expect(parseIp("::ffff:10.0.0.1")).toEqual(parseIp("::ffff:a00:1"));
    expect(parseIp("FE80::1")).toEqual(parseIp("fe80:0::1"));
    expect(parseIp("10.0.0.1")).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp("1:2:3:4:5:6:7:8").value).toBe(0x00010002000300040005000600070008n);
  });
});

describe("isIpLiteral", () => {
  it("tells IP literals (as URL hosts spell them) from names", () => {
    expect(isIpLiteral("10.0.0.1")).toBe(true);
    expect(isIpLiteral("[::1]")).toBe(true);
    expect(isIpLiteral("::1")).toBe(true);
    expect(isIpLiteral("localhost")).toBe(false);
    expect(isIpLiteral("10.0.0.1.example")).toBe(false);
  });
});
