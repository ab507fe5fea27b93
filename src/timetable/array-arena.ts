/**
 * Memory that the typed arrays of one date are carved from, and that the next date uses again.
 *
 * Why: touching memory a process has not used before is what a short run pays most for (on this
 * project's 2-core VM about 3.5 ms per MB: the kernel maps and zeroes every new page). A `check`
 * over a week reads six timetables of about 7 MB and mirrors each; carving all of them from the
 * same memory, one date after the other, touches new memory only once (see
 * `ReachabilityOptions.datesInMemory`).
 *
 * Arrays from an arena are views on its buffers, valid until the next {@link ArrayArena.begin};
 * unlike `new Int32Array(n)` they are not zeroed.
 */

import { align8 } from '../feed/cache-file.js';

/** Makes typed arrays: new ones ({@link FRESH_ARRAYS}) or views carved from an {@link ArrayArena}. */
export interface ArrayMaker {
  int32(length: number): Int32Array;
  uint8(length: number): Uint8Array;
  int8(length: number): Int8Array;
}

/** New, zeroed arrays. */
export const FRESH_ARRAYS: ArrayMaker = Object.freeze({
  int32: (length: number) => new Int32Array(length),
  uint8: (length: number) => new Uint8Array(length),
  int8: (length: number) => new Int8Array(length),
});

/**
 * Buffers reused in order: after {@link begin}, the k-th array carved goes into the k-th buffer
 * when it fits there, else into a new one (with an eighth to spare, so that a somewhat larger
 * date fits next time). An owner that carves the same arrays for every date, as the mirror and
 * the timetable file do, touches new memory only when a date is larger than any before.
 */
export class ArrayArena implements ArrayMaker {
  private readonly buffers: ArrayBuffer[] = [];
  private next = 0;

  /** Starts again with the first buffer; every array carved before is given up. */
  begin(): void {
    this.next = 0;
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.take(length * 4), 0, length);
  }

  uint8(length: number): Uint8Array {
    return new Uint8Array(this.take(length), 0, length);
  }

  int8(length: number): Int8Array {
    return new Int8Array(this.take(length), 0, length);
  }

  private take(bytes: number): ArrayBuffer {
    let buffer = this.buffers[this.next];
    if (!buffer || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(align8(Math.ceil(bytes * 1.125)));
      this.buffers[this.next] = buffer;
    }
    this.next++;
    return buffer;
  }
}
