import { createHash } from 'node:crypto';
import type { Repository } from './repository.js';

/**
 * The id `git hash-object` gives these bytes: the hash of `blob <size>\0` + content. No clean
 * filters (autocrlf, LFS) are applied: the id keys blast's cache, so the raw bytes are what count.
 */
export function hashBlob(content: Buffer, objectFormat: Repository['objectFormat']): string {
  return createHash(objectFormat === 'sha256' ? 'sha256' : 'sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}
