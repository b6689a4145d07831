/** What the CLI may touch of the process: streams, environment, working directory. */
export interface OutputStream {
  write(text: string): boolean;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}
