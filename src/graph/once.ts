/** A value computed on the first call and kept: decoding or building it may never be needed. */
export function once<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
