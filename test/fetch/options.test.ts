import { describe, expect, it } from "vitest";
import {
  DEFAULT_ACCEPTED_CONTENT_TYPES,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_USER_AGENT,
  resolveFetcherOptions,
} from "../../src/io/fetch/options.ts";
import type { FetcherOptions } from "../../src/io/fetch/options.ts";

describe("resolveFetcherOptions", () => {
  it("fills every default and freezes the result", () => {
    const options = resolveFetcherOptions();
    expect(options).toMatchObject({
      userAgent: DEFAULT_USER_AGENT,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      maxRedirects: 5,
      allowPrivate: false,
      obeyRobots: true,
      retries: 2,
      privateAddressAllowList: [],
    });
    expect(options.acceptedContentTypes).toEqual(DEFAULT_ACCEPTED_CONTENT_TYPES);
    expect(options.maxDecodedBytes).toBeGreaterThan(options.maxBodyBytes);
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(options.acceptedContentTypes)).toBe(true);
    expect(() => (options as { retries: number }).retries++).toThrow(TypeError);
  });

  it("keeps given values and normalizes media types", () => {
    const options = resolveFetcherOptions({ perHostDelayMs: 0, acceptedContentTypes: [" Text/HTML ", "text/html"] });
    expect(options.perHostDelayMs).toBe(0);
    expect(options.acceptedContentTypes).toEqual(["text/html"]);
  });

  it.each<[FetcherOptions, RegExp]>([
    [{ maxBodyBytes: 0 }, /maxBodyBytes: must be at least 1/],
    [{ connectTimeoutMs: 1.5 }, /connectTimeoutMs: must be a whole number/],
    [{ perHostDelayMs: -1 }, /perHostDelayMs: must be at least 0/],
    [{ retries: 50 }, /retries: must be at most 10/],
    [{ userAgent: "Bot/1.0\r\nX-Injected: 1" }, /userAgent: must start with a product token/],
    [{ userAgent: "" }, /userAgent: /],
    [{ privateAddressAllowList: ["localhost"] }, /privateAddressAllowList.0: must be an IPv4 or IPv6 address/],
    [{ acceptedContentTypes: ["html"] }, /acceptedContentTypes.0: must be a type\/subtype media type/],
    [{ acceptedContentTypes: [] }, /acceptedContentTypes: /],
    [{ maxRedirects: "5" } as unknown as FetcherOptions, /maxRedirects: must be a number/],
  ])("rejects %j naming the option", (input, message) => {
    expect(() => resolveFetcherOptions(input)).toThrow(message);
  });

  it("rejects an unknown option by name", () => {
    expect(() => resolveFetcherOptions({ maxBodySize: 10 } as FetcherOptions)).toThrow(/Invalid fetcher options: .*maxBodySize/);
  });
});
