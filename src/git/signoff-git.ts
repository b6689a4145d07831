// The git operations of the sign-off stage (DESIGN §7): commits of a range with their trailers,
// the change fingerprint, root commits, approval notes, the configured identity.
export { listCommits, parseCommits, type CommitInfo, type Identity } from './commits.js';
export { patchId } from './patch-id.js';
export { rootCommits } from './root-commits.js';
export { BLAST_NOTES_REF, readNote, readNotes, writeNote, type Note } from './notes.js';
export { configuredIdentity } from './identity.js';
export { hasUncommittedChanges } from './uncommitted.js';
