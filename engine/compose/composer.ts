// Turns a submitted message into the one stored and sent: an SMTP client's template is
// rendered into it, links and an open pixel are rewritten through the relay, and bulk mail
// gets List-Unsubscribe. All at intake, so the stored copy is byte for byte what DKIM signs
// at delivery and what every retry sends.
import { encode as encodeQuotedPrintable, wrap } from 'nodemailer/lib/qp';
import type { EngineConfig } from '../config/index';
import type { MessageExtras, NewMessage } from '../store/index';
import { decodeEncodedWords, decodeText, headerValue, parseMime, readHeaderBlock, rebuild, type MimeEntity } from '../message/index';
import type { TemplateService } from '../templates/index';
import { NotFoundError, ValidationError } from '../shared/errors';
import { rewriteHtml, type TrackingService } from '../tracking/index';
import { CONTROL_PREFIX, readControlHeaders } from './control-headers';
import { headerLine, joinHeaderLines, splitHeaderLines, type HeaderLine } from './header-lines';
import { replaceBody } from './mime-body';

export type IntakeMessage = Omit<NewMessage, 'route'>;

/** Per-message choices; what is left out follows the stream's configuration. */
export interface ComposeOptions {
  tracking?: { opens?: boolean; clicks?: boolean };
  category?: string | null;
  tags?: string[];
  metadata?: MessageExtras['metadata'];
  /** The template version the body was rendered from. */
  template?: { id: number; version: number } | null;
}

export interface Composed {
  message: IntakeMessage;
  /** Null when nothing beyond the bytes is worth recording (plain mail costs no extra row). */
  extras: MessageExtras | null;
  /** What was asked for but could not be done, in sentences for the submitter. */
  warnings: string[];
}

export interface ComposerDeps {
  templates: TemplateService;
  tracking: TrackingService;
  config: EngineConfig['tracking'];
  /** The domain of the mailto List-Unsubscribe address (received by the inbound listener), if any. */
  unsubscribeDomain(senderDomain: string): string | null;
}

export class Composer {
  constructor(private readonly deps: ComposerDeps) {}

  /** SMTP: reads and removes the X-Relaydesk-* headers and renders a named template into the body. */
  async expandSmtp(message: IntakeMessage): Promise<{ message: IntakeMessage; options: ComposeOptions }> {
    const { fields, end } = readHeaderBlock(message.raw);
    if (!fields.some((field) => field.name.toLowerCase().startsWith(CONTROL_PREFIX))) return { message, options: {} };
    const { template, options } = readControlHeaders(fields);
    const kept = splitHeaderLines(message.raw.subarray(0, end)).filter((line) => !line.name.startsWith(CONTROL_PREFIX));
    let raw: Buffer = Buffer.concat([joinHeaderLines(kept), message.raw.subarray(end)]);
    if (!template) return { message: { ...message, raw }, options };
    const rendered = await this.deps.templates.render(template.ref, template.variables).catch((error: unknown) => {
      // An unknown template is the client's mistake, to be refused for good (5xx), not retried.
      throw error instanceof NotFoundError ? new ValidationError(`X-Relaydesk-Template: ${error.message}`, { field: 'X-Relaydesk-Template' }) : error;
    });
    raw = await replaceBody(raw, readHeaderBlock(raw).end, rendered);
    return {
      message: { ...message, raw, subject: decodeEncodedWords(rendered.subject) },
      options: { ...options, template: { id: rendered.templateId, version: rendered.version } },
    };
  }

  /** Applies tracking and List-Unsubscribe as the stream and the options say. */
  finish(message: IntakeMessage, recipientCount: number, options: ComposeOptions): Composed {
    const { config, tracking } = this.deps;
    const warnings: string[] = [];
    const wantsOpens = options.tracking?.opens ?? config.opens[message.stream];
    const wantsClicks = options.tracking?.clicks ?? config.clicks[message.stream];
    let raw = message.raw;
    let applied = { opens: false, clicks: false };
    if ((wantsOpens || wantsClicks) && tracking.baseUrl === null) {
      if (options.tracking?.opens || options.tracking?.clicks) warnings.push('Tracking was asked for but tracking.publicBaseUrl is not configured; nothing was rewritten.');
    } else if (wantsOpens || wantsClicks) {
      const root = parseMime(raw);
      if (headerValue(root.fields, 'dkim-signature') !== null) {
        warnings.push('Tracking was skipped: the message carries its own DKIM-Signature, which rewriting its links would break.');
      } else {
        ({ raw, applied } = this.track(root, message.id, wantsOpens, wantsClicks, warnings));
      }
    }
    const hasListUnsubscribe = config.listUnsubscribe[message.stream] ? this.listUnsubscribe(message, recipientCount, warnings) : null;
    if (hasListUnsubscribe) raw = appendHeaders(raw, hasListUnsubscribe);
    const extras: MessageExtras = {
      messageId: message.id,
      templateId: options.template?.id ?? null,
      templateVersion: options.template?.version ?? null,
      category: options.category ?? null,
      tags: options.tags ?? [],
      metadata: options.metadata ?? {},
      tracksOpens: applied.opens,
      tracksClicks: applied.clicks,
      hasListUnsubscribe: hasListUnsubscribe !== null,
    };
    const isPlain = !extras.templateId && !extras.category && !extras.tags.length && !Object.keys(extras.metadata).length
      && !extras.tracksOpens && !extras.tracksClicks && !extras.hasListUnsubscribe;
    return { message: { ...message, raw }, extras: isPlain ? null : extras, warnings };
  }

  private track(root: MimeEntity, messageId: string, opens: boolean, clicks: boolean, warnings: string[]): { raw: Buffer; applied: { opens: boolean; clicks: boolean } } {
    const { tracking } = this.deps;
    let hasPixel = false;
    let htmlParts = 0;
    const raw = rebuild(root, (leaf) => {
      const disposition = headerValue(leaf.fields, 'content-disposition') ?? '';
      if (leaf.contentType.mediaType !== 'text/html' || /^\s*attachment/i.test(disposition)) return null;
      const html = decodeText(leaf);
      if (html === null) {
        warnings.push(`An HTML part in charset "${leaf.contentType.params.charset}" could not be read, so it is not tracked.`);
        return null;
      }
      htmlParts++;
      const result = rewriteHtml(html, {
        clickUrl: clicks ? (url) => tracking.clickUrl(messageId, url) : null,
        // One pixel per message: a second HTML part would count every open twice.
        pixelUrl: opens && !hasPixel ? tracking.openUrl(messageId) : null,
        ownBaseUrl: tracking.baseUrl!,
      });
      hasPixel ||= result.hasPixel;
      if (result.linksRewritten === 0 && !result.hasPixel) return null;
      return encodeHtmlLeaf(leaf, result.html, leaf === root);
    });
    return { raw, applied: { opens: hasPixel, clicks: clicks && htmlParts > 0 } };
  }

  private listUnsubscribe(message: IntakeMessage, recipientCount: number, warnings: string[]): HeaderLine[] | null {
    const { tracking } = this.deps;
    if (headerValue(readHeaderBlock(message.raw).fields, 'list-unsubscribe') !== null) return null;
    if (recipientCount !== 1) {
      warnings.push(`List-Unsubscribe was not added: the message has ${recipientCount} recipients and one header cannot say which of them ` +
        'unsubscribes. Send bulk mail as one message per recipient.');
      return null;
    }
    const domain = this.deps.unsubscribeDomain(message.senderDomain);
    const urls = [
      ...(tracking.baseUrl ? [`<${tracking.unsubscribeUrl(message.id)}>`] : []),
      ...(domain ? [`<mailto:${tracking.unsubscribeAddress(message.id, domain)}?subject=unsubscribe>`] : []),
    ];
    if (urls.length === 0) {
      warnings.push('List-Unsubscribe was not added: set tracking.publicBaseUrl (one-click) or enable the inbound listener (mailto).');
      return null;
    }
    // RFC 8058 §3.1: one-click needs an HTTPS URI in List-Unsubscribe and this exact field.
    return [headerLine('List-Unsubscribe', urls.join(', ')),
      ...(tracking.baseUrl ? [headerLine('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')] : [])];
  }
}

/** The HTML part as UTF-8 quoted-printable (RFC 2045 §6.7), its other header fields kept. */
function encodeHtmlLeaf(leaf: MimeEntity, html: string, isRoot: boolean): Buffer {
  const params = Object.entries(leaf.contentType.params).filter(([name]) => name !== 'charset').map(([name, value]) => `; ${name}="${value}"`).join('');
  const kept = splitHeaderLines(leaf.raw.subarray(0, leaf.headerEnd)).filter((line) => line.name !== 'content-type' && line.name !== 'content-transfer-encoding');
  const lines = [...kept, { name: 'content-type', raw: `Content-Type: text/html; charset=utf-8${params}\r\n` },
    { name: 'content-transfer-encoding', raw: 'Content-Transfer-Encoding: quoted-printable\r\n' }];
  const body = wrap(encodeQuotedPrintable(Buffer.from(html, 'utf8')), 76);
  return Buffer.concat([joinHeaderLines(lines), Buffer.from(`\r\n${body}${isRoot ? '\r\n' : ''}`, 'latin1')]);
}

function appendHeaders(raw: Buffer, lines: HeaderLine[]): Buffer {
  const { end } = readHeaderBlock(raw);
  return Buffer.concat([raw.subarray(0, end), joinHeaderLines(lines), raw.subarray(end)]);
}
