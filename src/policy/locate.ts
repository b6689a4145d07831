// From a key path back to the YAML node it came from, so every issue gets a line and column.
import { isMap, isNode, isScalar, type Document, type LineCounter } from 'yaml';
import type { PathSegment } from './messages.js';

/** A 1-based position in the policy file. */
export interface Position {
  line: number;
  col: number;
}

const START: Position = { line: 1, col: 1 };

/** Where the node at `path` starts, or `undefined` when the document has no such node. */
export function valuePosition(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): Position | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isNode(node) || node.range === undefined || node.range === null) return undefined;
  return lineCounter.linePos(node.range[0]);
}

/** Where the key `key` of the mapping at `mapPath` starts (the key itself, not its value). */
export function keyPosition(
  doc: Document,
  lineCounter: LineCounter,
  mapPath: readonly PathSegment[],
  key: string,
): Position | undefined {
  const map = mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    const keyNode = pair.key;
    if (isScalar(keyNode) && String(keyNode.value) === key && keyNode.range) {
      return lineCounter.linePos(keyNode.range[0]);
    }
  }
  return undefined;
}

/** The position of `path`, else of its nearest existing ancestor, else 1:1. */
export function nearestPosition(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): Position {
  for (let length = path.length; length >= 0; length--) {
    const position = valuePosition(doc, lineCounter, path.slice(0, length));
    if (position) return position;
  }
  return START;
}
