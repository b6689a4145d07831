/**
 * Makes output stable for snapshots: the temporary repository path becomes `<repo>` (in its
 * native, `/`-separated and, on macOS, `/private`-less forms) and `\` becomes `/`.
 */
export function normalize(text: string, cwd: string): string {
  const forms = new Set([cwd, cwd.replaceAll('\\', '/')]);
  if (cwd.startsWith('/private/')) forms.add(cwd.slice('/private'.length));
  let result = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) result = result.split(form).join('<repo>');
  return result.replaceAll('\\', '/');
}
