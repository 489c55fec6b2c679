// Builds the headless host bundle and the console once, so tests that spawn `relaydesk`
// run the artifacts users run (out/host/relaydesk.js serving out/renderer), never stale
// ones. The two builds are independent, so they run side by side.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function build(script: string): Promise<void> {
  try {
    await run('npm', ['run', '--silent', script], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run ${script} failed:\n${stdout}${stderr}`);
  }
}

export default async function setup(): Promise<void> {
  await Promise.all([build('build:host'), build('build:app')]);
}
