/**
 * Memory that the typed arrays of one date are carved from, and that the next date uses again.
 *
 * Why: touching memory a process has not used before is what a short run pays most for (on this
 * project's 2-core VM about 3.5 ms per MB: the kernel maps and zeroes every new page). A `check`
 * over a week reads six timetables of about 7 MB and mirrors each; carving all of them from the
 * same memory, one date after the other, touches new memory only once (see
 * `ReachabilityOptions.datesInMemory`).
 *
 * Arrays from an arena are views on its buffer, valid until the next {@link ArrayArena.begin};
 * unlike `new Int32Array(n)` they are not zeroed.
 */

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

/** One buffer, carved into arrays from its start; grown (replaced) when a date needs more. */
export class ArrayArena implements ArrayMaker {
  private memory: ArrayBuffer | undefined;
  private offset = 0;

  /** The buffer, after {@link begin}. */
  get buffer(): ArrayBuffer {
    if (!this.memory) throw new Error('ArrayArena: begin() first');
    return this.memory;
  }

  /**
   * Starts carving again from the start, with room for `bytes` (arrays are 8-byte aligned: count
   * each as its byte length rounded up to a multiple of 8). Every array carved before is given up.
   */
  begin(bytes: number): void {
    if (!this.memory || this.memory.byteLength < bytes) this.memory = new ArrayBuffer(align8(Math.ceil(bytes * 1.125)));
    this.offset = 0;
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length * 4), length);
  }

  uint8(length: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(length), length);
  }

  int8(length: number): Int8Array {
    return new Int8Array(this.buffer, this.take(length), length);
  }

  private take(bytes: number): number {
    const at = this.offset;
    if (at + bytes > this.buffer.byteLength) throw new RangeError(`ArrayArena: ${bytes} bytes more do not fit (begin() with the whole size)`);
    this.offset = align8(at + bytes);
    return at;
  }
}

/** `n` rounded up to a multiple of 8. */
export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
