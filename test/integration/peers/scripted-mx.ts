// A fake destination MX / smarthost for delivery tests: replies exactly as scripted per
// phase, and records every connection and transaction for assertions.
import { format } from 'node:util';
import type { SMTPServerOptions } from 'smtp-server';
import { ScriptedMxPeer } from './scripted-mx-peer';
import { ScriptedSmtpServer } from './scripted-mx-server';
import type { ScriptedMx, ScriptedMxOptions } from './scripted-mx-types';
import { checkStep, isStep } from './smtp-reply';
import { selfSignedCertificate, type TestCertificate } from './test-certificate';

export type * from './scripted-mx-types';
export type { ReplyLines, Step } from './smtp-reply';

export async function startScriptedMx(options: ScriptedMxOptions = {}): Promise<ScriptedMx> {
  const host = options.host ?? '127.0.0.1';
  const name = options.name ?? 'mx.scripted.test';
  const tlsMode = options.tls ?? 'none';
  checkScript(options);
  const certificate = tlsMode === 'none' ? undefined : (options.certificate ?? (await selfSignedCertificate(name, host)));
  const mx = new ScriptedMxPeer(host, name, certificate, options);
  const server = new ScriptedSmtpServer(serverOptions(options, name, tlsMode, certificate, mx), mx);
  server.on('error', (err: Error) => mx.recordError(err));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('scripted MX is not listening on TCP');
  mx.listening(address.port, () => server.shutdown());
  return mx;
}

function serverOptions(
  options: ScriptedMxOptions,
  name: string,
  tlsMode: 'none' | 'starttls' | 'implicit',
  certificate: TestCertificate | undefined,
  mx: ScriptedMxPeer,
): SMTPServerOptions {
  return {
    name,
    secure: tlsMode === 'implicit',
    // Disabled, not just hidden: smtp-server would still run STARTTLS for a client that sends
    // it unasked (nodemailer with requireTLS does), with its built-in, long expired certificate.
    disabledCommands: [...(tlsMode === 'starttls' ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    ...(certificate && { key: certificate.key, cert: certificate.cert }),
    // STACK.md pitfall 7: smtp-server would otherwise accept TLS 1.0.
    minVersion: 'TLSv1.2',
    // Scripted replies carry their own enhanced codes; smtp-server's own replies get one too.
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    authMethods: ['PLAIN', 'LOGIN'],
    maxRecipients: options.maxRecipients,
    logger: transcriptLogger((connectionId, line) => mx.recordLine(connectionId, line)),
  };
}

/** smtp-server logs each command (`C:`) and reply (`S:`) at debug level, keyed by connection id. */
function transcriptLogger(onLine: (connectionId: string, line: string) => void): SMTPServerOptions['logger'] {
  const ignore = (): void => undefined;
  const debug = (entry: { cid?: string }, message: string, ...args: unknown[]): void => {
    if (entry.cid === undefined) return;
    const lines = message === 'S:' ? String(args[0]).split('\r\n').map((line) => `S: ${line}`) : [format(message, ...args)];
    for (const line of lines) onLine(entry.cid, line);
  };
  return { trace: ignore, debug, info: ignore, warn: ignore, error: ignore, fatal: ignore };
}

function checkScript(options: ScriptedMxOptions): void {
  const { rcpt } = options;
  const rcptSteps = rcpt === undefined || isStep(rcpt) || typeof rcpt === 'function' ? [rcpt] : Object.values(rcpt);
  for (const step of [options.greeting, options.ehlo, options.starttls, options.mail, options.data, ...rcptSteps]) {
    if (isStep(step)) checkStep(step);
  }
}
