/**
 * The Landkreis Börde data shipped with the package (`data/` beside `dist/`): the Ortsteile, the
 * destinations and the district's stop list. An installed package reaches them through
 * {@link bundledDataPath} or the package export `erreichbar/data/<file>`.
 */
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';

/** The files in the package's `data/` folder. */
export const BUNDLED_DATA_FILES = ['ortsteile.csv', 'destinations.csv', 'haltestellen.csv', 'zentrale-orte.csv', 'bedienungsstandards.csv'] as const;

/** One of {@link BUNDLED_DATA_FILES}. */
export type BundledDataFile = (typeof BUNDLED_DATA_FILES)[number];

/**
 * The absolute path of a bundled data file, to read it or to pass it to {@link loadPlaces},
 * {@link loadDestinations} or {@link loadStops}.
 *
 * @throws {UsageError} (code `UNKNOWN_DATA_FILE`) for a name not in {@link BUNDLED_DATA_FILES}.
 * @example
 * ```ts
 * import { bundledDataPath, loadPlaces } from 'erreichbar';
 * const { places } = await loadPlaces(bundledDataPath('ortsteile.csv')); // 229 places (213 Ortsteile)
 * ```
 */
export function bundledDataPath(name: BundledDataFile): string {
  if (!(BUNDLED_DATA_FILES as readonly string[]).includes(name)) {
    throw new UsageError(
      {
        de: `keine mitgelieferte Datei "${String(name)}"; vorhanden: ${BUNDLED_DATA_FILES.join(', ')}`,
        en: `no bundled data file "${String(name)}"; there are: ${BUNDLED_DATA_FILES.join(', ')}`,
      },
      'name',
      'UNKNOWN_DATA_FILE',
    );
  }
  // src/places/ and dist/places/ are both two levels below the package root.
  return fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
}
