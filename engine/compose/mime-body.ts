// Builds MIME with nodemailer's MailComposer: whole messages for the Email API, and the
// body of an SMTP message that names a template. Content is always given inline: file and
// URL access are disabled, so a request can never make the relay read a path or fetch a URL.
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { joinHeaderLines, splitHeaderLines } from './header-lines';

type SafeOptions = Omit<MailComposerOptions, 'raw' | 'disableFileAccess' | 'disableUrlAccess' | 'newline' | 'attachDataUrls'>;

export function buildMime(mail: SafeOptions): Promise<Buffer> {
  return new MailComposer({ ...mail, disableFileAccess: true, disableUrlAccess: true, newline: 'win' }).compile().build();
}

/** Header fields describing the body (RFC 2045 §3): replaced together with it. */
const BODY_FIELDS = /^(content-|mime-version$)/;

/**
 * Keeps the message's header fields but its Subject and body fields, and puts the rendered
 * subject and parts in their place.
 */
export async function replaceBody(raw: Buffer, headerEnd: number, rendered: { subject: string; html: string | null; text: string | null }): Promise<Buffer> {
  const built = await buildMime({
    subject: rendered.subject,
    ...(rendered.text !== null && { text: rendered.text }),
    ...(rendered.html !== null && { html: rendered.html }),
  });
  const separator = built.indexOf('\r\n\r\n');
  const fresh = splitHeaderLines(built.subarray(0, separator + 2)).filter((line) => line.name === 'subject' || BODY_FIELDS.test(line.name));
  const kept = splitHeaderLines(raw.subarray(0, headerEnd)).filter((line) => line.name !== 'subject' && !BODY_FIELDS.test(line.name));
  return Buffer.concat([joinHeaderLines([...kept, ...fresh]), built.subarray(separator + 2)]);
}
