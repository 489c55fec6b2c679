// Message search criteria as the form holds them (text as typed, local date-times), and
// as message.search takes them. Pure.
import type { MessageSearch, RecipientState, Stream } from '../../../engine/api/contract';

export interface SearchCriteria {
  recipient: string;
  sender: string;
  subject: string;
  messageId: string;
  state: RecipientState | '';
  stream: Stream | '';
  /** datetime-local values, in this computer's time zone. */
  from: string;
  to: string;
}

export const NO_CRITERIA: SearchCriteria = { recipient: '', sender: '', subject: '', messageId: '', state: '', stream: '', from: '', to: '' };

/** message.search params: blank fields are left out, times become epoch ms. */
export function searchParams(criteria: SearchCriteria): Omit<MessageSearch, 'limit' | 'cursor'> {
  const params: Omit<MessageSearch, 'limit' | 'cursor'> = {};
  for (const field of ['recipient', 'sender', 'subject', 'messageId'] as const) {
    const value = criteria[field].trim();
    if (value) params[field] = value;
  }
  if (criteria.state) params.state = criteria.state;
  if (criteria.stream) params.stream = criteria.stream;
  for (const field of ['from', 'to'] as const) {
    const at = criteria[field] ? new Date(criteria[field]).getTime() : Number.NaN;
    if (!Number.isNaN(at)) params[field] = at;
  }
  return params;
}
