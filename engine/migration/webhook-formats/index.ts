// Webhook payloads shaped like a provider's, so receivers written for the old provider keep
// working during the move; the webhooks capability asks for them per endpoint.
import type { ProviderId } from '../../api/contract';
import { brevoFormat } from './brevo';
import { mailgunFormat } from './mailgun';
import { mandrillFormat } from './mandrill';
import { postmarkFormat } from './postmark';
import { sendgridFormat } from './sendgrid';
import { sesFormat } from './ses';
import type { ProviderFormatter } from './shared';

export type { FormatContext, FormattedRequest, ProviderFormatter } from './shared';
export { ONE_EVENT_PER_REQUEST } from './shared';
export { mandrillSignature } from './mandrill';

export const WEBHOOK_FORMATTERS: Readonly<Record<ProviderId, ProviderFormatter>> = {
  sendgrid: sendgridFormat, mailgun: mailgunFormat, ses: sesFormat, postmark: postmarkFormat, brevo: brevoFormat, mandrill: mandrillFormat,
};
