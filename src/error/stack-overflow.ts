/** Whether an error is JavaScript's own stack overflow (a RangeError), which FQLite reports as a Fauna-style error. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
