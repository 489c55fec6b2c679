// The `relaydesk` command: the headless host and CLI. The only engine file that
// touches process.argv, signal handlers or process.exit.
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { ApiCallError } from '../api/index';
import { EngineError } from '../shared/errors';
import { UsageError, type Command, type CommandContext } from './command';
import { CliError } from './clients';
import { defaultDataDir } from './data-dir';
import { createOutput } from './output';
import { serve } from './commands/serve';
import { status } from './commands/status';
import { credentials } from './commands/credentials';
import { queue } from './commands/queue';
import { message } from './commands/message';
import { sessions } from './commands/sessions';
import { call } from './commands/call';
import { mcp } from './commands/mcp';

const USAGE = `Usage: relaydesk <command> [--data-dir DIR] [--json]

Commands:
  serve [--config FILE]          run the relay and its console endpoint
  status                         listeners, sessions and queue counts
  credentials add|list|update|rotate|revoke
  queue ls                       recipients in the queue
  message show <queue id>        headers, recipients, transcript (--raw for the source)
  sessions tail|ls               live and past SMTP conversations
  call --list | <method> [json]  any console operation, as JSON
  mcp --user <username>          an MCP server on stdio for AI assistants

--data-dir defaults to ${defaultDataDir()} (or $RELAYDESK_DATA_DIR).`;

const commands: Record<string, Command> = { status, credentials, queue, message, sessions, call, mcp };

interface GlobalOptions {
  dataDir: string;
  isJson: boolean;
  rest: string[];
}

function takeGlobalOptions(argv: string[]): GlobalOptions {
  const rest: string[] = [];
  let dataDir = defaultDataDir();
  let isJson = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') isJson = true;
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--data-dir needs a directory.', USAGE);
      dataDir = value;
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { dataDir, isJson, rest };
}

async function main(argv: string[]): Promise<number> {
  const { dataDir, isJson, rest } = takeGlobalOptions(argv);
  const out = createOutput(isJson);
  const context: CommandContext = { dataDir, version: packageJson.version, out };
  const [name, ...args] = rest;
  if (!name || name === '--help' || name === 'help') {
    out.line(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    out.line(packageJson.version);
    return 0;
  }
  if (name === 'serve') return runServe(context, args);
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command "${name}".`, USAGE);
  process.once('SIGINT', () => process.exit(0)); // `sessions tail` runs until interrupted
  return command(context, args);
}

async function runServe(context: CommandContext, args: string[]): Promise<number> {
  let configPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config') configPath = args[++i];
    else if (args[i]!.startsWith('--config=')) configPath = args[i]!.slice('--config='.length);
    else throw new UsageError(`Unknown option for serve: ${args[i]}`, 'relaydesk serve [--config FILE] [--data-dir DIR] [--json]');
  }
  if (args.includes('--config') && !configPath) throw new UsageError('--config needs a file.', 'relaydesk serve [--config FILE]');
  const relay = await serve(context, { configPath, consoleDir: fileURLToPath(new URL('../renderer/', import.meta.url)) });
  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      context.out.error(`${signal} received: finishing messages in flight, then stopping.`);
      // A second signal means the operator does not want to wait.
      process.once(signal, () => process.exit(1));
      resolve();
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
  await relay.stop();
  return 0;
}

function report(error: unknown, isJson: boolean): number {
  const out = createOutput(isJson);
  if (error instanceof UsageError) {
    out.error(`${error.message}\n\n${error.usage}`);
    return 2;
  }
  if (error instanceof ApiCallError || error instanceof EngineError || error instanceof CliError) {
    const code = error instanceof CliError ? 'cli' : error.code;
    if (isJson) out.error(JSON.stringify({ error: { code, message: error.message } }));
    else out.error(`relaydesk: ${error.message}`);
    return 1;
  }
  out.error(`relaydesk: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}

// exitCode rather than exit(): stdout to a pipe is written asynchronously, and exiting
// at once could cut off the output a script is waiting for.
const argv = process.argv.slice(2);
main(argv).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = report(error, argv.includes('--json'))),
);
