/**
 * Size limits for reading a feed (see feed-source.ts), in a module of their own so the CLI can
 * name them without loading the zip reader.
 */

/** Size limits for reading a feed. */
export interface FeedLimits {
  /** Largest uncompressed GTFS file, in bytes. */
  maxFileBytes: number;
  /** Largest sum of the uncompressed GTFS files read, in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of a zip member bigger than {@link RATIO_EXEMPT_BYTES}. */
  maxCompressionRatio: number;
}

/** Members smaller than this are never refused for their ratio (tiny files compress well). */
export const RATIO_EXEMPT_BYTES = 1 << 20;

/**
 * Defaults: 200 MB per file and 400 MB in all (about 20× the largest NASA feed, PVGS with 9.5 MB),
 * and a ratio of 100 (real GTFS text compresses about 10:1; zip bombs reach 1000:1).
 */
export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxTotalBytes: 400 * 1024 * 1024,
  maxCompressionRatio: 100,
};
