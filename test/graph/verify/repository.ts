import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildGraph, disabledCache } from '../../../src/graph/index.js';
import type { SymbolGraph } from '../../../src/types.js';

export interface RepositoryOnDisk {
  root: string;
  paths: string[];
  readText(path: string): string | undefined;
  graph: SymbolGraph;
}

/** A fixture's `head/` tree as it is on disk: every file, no git. */
export function fixtureRoot(name: string): string {
  return resolve(import.meta.dirname, '../../../fixtures', name, 'head');
}

export function listTree(root: string): string[] {
  const paths: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else paths.push(relative(root, full).split('\\').join('/'));
    }
  };
  visit(root);
  return paths.sort();
}

export function listTracked(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }).split('\0').filter(Boolean);
}

/** blast's graph of a tree on disk (no cache), with the reader verify needs. */
export async function loadRepository(root: string, paths: string[]): Promise<RepositoryOnDisk> {
  const texts = new Map<string, string | undefined>();
  const readText = (path: string): string | undefined => {
    if (!texts.has(path)) {
      try {
        texts.set(path, readFileSync(join(root, path), 'utf8'));
      } catch {
        texts.set(path, undefined);
      }
    }
    return texts.get(path);
  };
  const readTexts = async (wanted: readonly string[]) => {
    const found = new Map<string, string>();
    for (const path of wanted) {
      const text = readText(path);
      if (text !== undefined) found.set(path, text);
    }
    return found;
  };
  const files = paths.map((path) => ({ path, blob: path }));
  const { graph } = await buildGraph({ root, files, readTexts, cache: disabledCache() });
  return { root, paths, readText, graph };
}
