// The ceiling of a relay built on Relaydesk's SMTP libraries on this machine: smtp-server as
// Relaydesk runs it takes each message, answers 250 at once and hands it to nodemailer's
// pooled client (20 connections) for the next hop. Nothing is stored, scheduled, signed or
// recorded; whatever Relaydesk measures below this is the cost of doing those.
import nodemailer from 'nodemailer';
import { startBareSmtpServer } from './bare-smtp-server';

export interface BareRelay {
  port: number;
  failed(): number;
  stop(): Promise<void>;
}

export async function startBareRelay(nextHop: { host: string; port: number }): Promise<BareRelay> {
  let failed = 0;
  const transport = nodemailer.createTransport({
    pool: true, maxConnections: 20, maxMessages: Infinity, host: nextHop.host, port: nextHop.port, secure: false, ignoreTLS: true,
  });
  const server = await startBareSmtpServer((envelope, raw) => {
    transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw }).catch(() => failed++);
  });
  return {
    port: server.port,
    failed: () => failed,
    stop: async () => {
      transport.close();
      await server.stop();
    },
  };
}
