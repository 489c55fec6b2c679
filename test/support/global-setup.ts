// Builds the headless host bundle once, so tests that spawn `relaydesk` run the same
// artifact users run (out/host/relaydesk.js), never a stale one.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build:host'], { stdio: 'inherit' });
}
