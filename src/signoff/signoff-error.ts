import { BlastError } from '../errors.js';

/** Sign-off could not be done: ssh-keygen missing or failing, nothing to approve. Exit 2. */
export class SignoffError extends BlastError {}
