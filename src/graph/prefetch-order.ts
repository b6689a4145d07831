// Which files a change will most likely need parsed, guessed before its imports are resolved:
// the order in which the parse threads parse ahead while the main thread resolves (see
// `ParsePool.prefetch`). A wrong guess costs only a parse on a core that would have idled, and
// still warms the thread's parser up for the batches that follow.

/**
 * The files sharing folders with the focus, those sharing the most first (its own folders, then
 * the folders around them), at most `limit`: the files a change reaches are mostly its
 * neighbours. (Following relative imports back from the focus found no more of the files a
 * cold run on a large monorepo parses: most are reached through packages and barrels, which
 * only the resolver can follow.)
 */
export function prefetchOrder(focus: readonly string[], files: Iterable<string>, limit: number): string[] {
  const folders = focus.map((path) => path.split('/').slice(0, -1));
  const shared = (path: string): number => {
    const parts = path.split('/');
    let best = 0;
    for (const folder of folders) {
      let count = 0;
      while (count < folder.length && count < parts.length - 1 && folder[count] === parts[count]) count++;
      best = Math.max(best, count);
    }
    return best;
  };
  const near = [...files].map((path) => ({ path, shared: shared(path) })).filter((file) => file.shared > 0);
  near.sort((a, b) => b.shared - a.shared || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return near.slice(0, limit).map((file) => file.path);
}
