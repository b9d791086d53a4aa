/**
 * A keyed async mutex. FerretDB v1 does a read-modify-write of a document with no
 * lock in between, so concurrent updates of one record can be lost, version checks
 * included. One server process owns the database, so serializing every
 * read-modify-write of one document in-process makes optimistic concurrency exact
 * on FerretDB (and costs nothing on MongoDB, where it is atomic anyway).
 */
const tails = new Map<string, Promise<unknown>>();

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  tails.set(key, tail);
  try {
    await previous;
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
