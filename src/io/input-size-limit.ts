/**
 * The largest input read whole, counted after any decompression: an API request's body, an uploaded file,
 * a gzip-compressed file or response once unpacked. One limit for all, so that compressing an input never
 * gets more past the server than sending it plain would (issue 13: a 68 KB gzip upload unpacked to 45 MB).
 * 16 MiB holds the largest page the fetcher keeps (its decoded cap is 20 MiB of bytes; JSON-escaped HTML is
 * rarely past 16), an archive upload of a few thousand articles, and a sitemap of 50,000 URLs (~5–8 MB).
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
