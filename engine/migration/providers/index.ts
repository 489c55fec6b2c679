// The provider playbooks, by id.
import type { ProviderId, ProviderPlaybook } from '../../api/contract';
import { NotFoundError } from '../../shared/errors';
import { brevo } from './brevo';
import { mailgun } from './mailgun';
import { mandrill } from './mandrill';
import { postmark } from './postmark';
import { sendgrid } from './sendgrid';
import { ses } from './ses';

export { SES_REGIONS, sesHost } from './ses';

export const PLAYBOOKS: Readonly<Record<ProviderId, ProviderPlaybook>> = { sendgrid, mailgun, ses, postmark, brevo, mandrill };

export function playbook(id: string): ProviderPlaybook {
  if (!Object.hasOwn(PLAYBOOKS, id)) throw new NotFoundError(`No playbook for provider "${id}"; known: ${Object.keys(PLAYBOOKS).join(', ')}.`, { provider: id });
  return PLAYBOOKS[id as ProviderId];
}
