/**
 * The version of the import cache's layout, in a module of its own: reading a cached feed set
 * must not load the importer (SQLite, the zip and CSV readers) only to learn this number.
 */

/**
 * Bumped whenever the layout of a cache entry or the validation changes, so old entries are
 * ignored instead of misread.
 */
export const CACHE_FORMAT_VERSION = 2;
