// A stored message decoded for reading in the console: text, HTML and attachments.
import type { AddressObject } from 'mailparser';
import type { MessageParts } from '../api/contract';
import { NotFoundError } from '../shared/errors';
import type { Store } from '../store/index';

function addresses(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ') || null;
}

async function parse(store: Store, id: string) {
  const raw = store.messages.raw(id);
  if (raw === undefined) throw new NotFoundError(`No message with queue id ${id}.`, { id });
  if (raw === null) throw new NotFoundError(`The body of ${id} was removed by the retention policy.`, { id });
  // Loaded on first use: its charset tables cost every CLI command and host start otherwise.
  const { simpleParser } = await import('mailparser');
  // Never fetch anything: a message's remote content is the reader's decision, in the console.
  return simpleParser(raw, { skipImageLinks: true, skipHtmlToText: true, skipTextLinks: true });
}

export async function messageParts(store: Store, id: string): Promise<MessageParts> {
  const parsed = await parse(store, id);
  return {
    id,
    subject: parsed.subject ?? null,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: parsed.date ? parsed.date.toISOString() : null,
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((attachment, index) => ({
      index,
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
      contentId: attachment.cid ?? null,
      isInline: attachment.contentDisposition === 'inline',
    })),
  };
}

export async function messageAttachment(store: Store, id: string, index: number): Promise<{ filename: string | null; contentType: string; base64: string }> {
  const parsed = await parse(store, id);
  const attachment = parsed.attachments[index];
  if (!attachment) throw new NotFoundError(`Message ${id} has no attachment number ${index}.`, { id, index });
  return { filename: attachment.filename ?? null, contentType: attachment.contentType, base64: attachment.content.toString('base64') };
}
