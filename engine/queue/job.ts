// A delivery job: one message to the leased recipients of one domain.
import type { Stream } from '../api/contract';

export interface LeasedRecipient {
  id: number;
  address: string;
  attempts: number;
  expiresAt: number;
}

export interface DeliveryJob {
  messageId: string;
  stream: Stream;
  mailFrom: string;
  senderDomain: string;
  /** The recipient domain; every recipient of the job is at it. */
  domain: string;
  route: string;
  size: number;
  recipients: LeasedRecipient[];
  receivedAt: number;
}

/** Where the scheduler hands leased work: the delivery capability. */
export interface JobSink {
  dispatch(job: DeliveryJob): void;
}
