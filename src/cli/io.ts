/** What the CLI may touch of the process: streams, environment, working directory. */
export interface OutputStream {
  write(text: string): boolean;
  isTTY?: boolean;
}

/** What `check --pre-push` reads git's lines from (process.stdin when absent). */
export interface InputStream extends AsyncIterable<string | Buffer> {
  isTTY?: boolean;
}

export interface CliIo {
  stdin?: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}
