// Signing and verifying approval records with `ssh-keygen -Y` (OpenSSH 8.2 or later), namespace
// `blast`, so that a signature made for git commits or anything else never counts as an approval.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignoffError } from './signoff-error.js';

/** The `-n` namespace of every blast signature. */
export const SIGNATURE_NAMESPACE = 'blast';

type Env = Readonly<Record<string, string>>;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSshKeygen(args: readonly string[], input: string, env: Env): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', [...args], { env: { ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new SignoffError('ssh-keygen not found: approvals are signed and verified with it', {
              cause: error,
              hint: 'install OpenSSH 8.2 or later (the ssh client package), or add ssh-keygen to the PATH',
            })
          : new SignoffError(`ssh-keygen failed: ${error.message}`, { cause: error }),
      );
    });
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end(input);
  });
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('Signing data')) ?? 'no output';
}

/**
 * Signs `message` with the key at `keyPath` (a private key, or a public key whose private half is
 * in ssh-agent): `ssh-keygen -Y sign -n blast -f <key>`, the message on stdin. Returns the armored
 * signature. ssh-keygen asks for a passphrase on the terminal itself.
 * Throws SignoffError when ssh-keygen is missing or cannot sign.
 */
export async function signMessage(keyPath: string, message: string, env: Env): Promise<string> {
  const outcome = await runSshKeygen(['-Y', 'sign', '-n', SIGNATURE_NAMESPACE, '-f', keyPath], message, env);
  if (outcome.code !== 0 || !outcome.stdout.includes('BEGIN SSH SIGNATURE')) {
    throw new SignoffError(`ssh-keygen could not sign with '${keyPath}': ${firstLine(outcome.stderr)}`, {
      hint: 'pass a private key readable by you (or its .pub with the key loaded in ssh-agent) with --key',
    });
  }
  return outcome.stdout.trim();
}

/** What an armored SSH signature says about itself, before any verification. */
export interface SignatureInfo {
  /** The public key blob (`string keytype, key data`) of the signer. */
  publicKey: Buffer;
  namespace: string;
  /** `SHA256:…`, as ssh-keygen prints it. */
  keyFingerprint: string;
}

/**
 * Reads the SSHSIG blob (OpenSSH PROTOCOL.sshsig): magic `SSHSIG`, uint32 version, string public
 * key, string namespace, … Undefined when it is not one.
 */
export function readSignature(armored: string): SignatureInfo | undefined {
  const body = /-----BEGIN SSH SIGNATURE-----([\s\S]*?)-----END SSH SIGNATURE-----/.exec(armored)?.[1];
  if (body === undefined) return undefined;
  const blob = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (blob.length < 10 || blob.toString('latin1', 0, 6) !== 'SSHSIG') return undefined;
  let offset = 10; // magic + version
  const readString = (): Buffer | undefined => {
    if (offset + 4 > blob.length) return undefined;
    const length = blob.readUInt32BE(offset);
    offset += 4;
    if (offset + length > blob.length) return undefined;
    const value = blob.subarray(offset, offset + length);
    offset += length;
    return value;
  };
  const publicKey = readString();
  const namespace = readString();
  if (publicKey === undefined || namespace === undefined) return undefined;
  return { publicKey: Buffer.from(publicKey), namespace: namespace.toString('utf8'), keyFingerprint: keyFingerprint(publicKey) };
}

/** The blob of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`), or undefined. */
export function publicKeyBlob(key: string): Buffer | undefined {
  const encoded = key.trim().split(/\s+/)[1];
  if (encoded === undefined || !/^[A-Za-z0-9+/]+=*$/.test(encoded)) return undefined;
  return Buffer.from(encoded, 'base64');
}

/** `SHA256:<base64 without padding>` of a key blob, as `ssh-keygen -l` prints it. */
export function keyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** A verifier over a set of trusted keys: one allowed_signers file for all its calls. */
export interface SignatureVerifier {
  /** Whether `signature` is a valid `blast` signature of `message` by the key of `principal`. */
  verify(message: string, signature: string, principal: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Writes the trusted keys (principal → OpenSSH public key) as an allowed_signers file restricted
 * to the `blast` namespace; `verify` runs `ssh-keygen -Y verify -f <file> -I <principal> -n blast`.
 */
export async function openVerifier(keys: ReadonlyMap<string, string>, env: Env): Promise<SignatureVerifier> {
  const directory = await mkdtemp(join(tmpdir(), 'blast-signoff-'));
  const allowed = join(directory, 'allowed_signers');
  const lines = [...keys].map(([principal, key]) => {
    const [type, data] = key.trim().split(/\s+/);
    return `${principal} namespaces="${SIGNATURE_NAMESPACE}" ${type ?? ''} ${data ?? ''}`;
  });
  await writeFile(allowed, `${lines.join('\n')}\n`);
  let count = 0;
  return {
    async verify(message, signature, principal) {
      const file = join(directory, `signature-${count++}.sig`);
      await writeFile(file, `${signature.trim()}\n`);
      const outcome = await runSshKeygen(
        ['-Y', 'verify', '-f', allowed, '-I', principal, '-n', SIGNATURE_NAMESPACE, '-s', file],
        message,
        env,
      );
      return outcome.code === 0;
    },
    close: () => rm(directory, { recursive: true, force: true }),
  };
}
