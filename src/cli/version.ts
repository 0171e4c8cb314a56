import { existsSync, readFileSync } from 'node:fs';

/** The version in package.json (two levels up from src/cli as the tests run it, three from dist/src/cli). */
export function packageVersion(): string {
  const url = [new URL('../../package.json', import.meta.url), new URL('../../../package.json', import.meta.url)].find((u) => existsSync(u));
  if (url === undefined) return 'unknown';
  const pkg: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  return 'unknown';
}
