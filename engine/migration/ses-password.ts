// Amazon SES SMTP passwords: AWS derives them from an IAM secret access key with a fixed
// signature version 4 chain, so Relaydesk can compute one from the key the operator has.
import { createHmac } from 'node:crypto';
import { ValidationError } from '../shared/errors';

// https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html ("Obtaining Amazon SES SMTP
// credentials by converting existing AWS credentials"): these constants are the documented ones.
const DATE = '11111111';
const SERVICE = 'ses';
const TERMINAL = 'aws4_request';
const MESSAGE = 'SendRawEmail';
const VERSION = 0x04;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const isAwsRegion = (region: string): boolean => REGION.test(region);

const sign = (key: Buffer, message: string): Buffer => createHmac('sha256', key).update(message, 'utf8').digest();

/** The SMTP password for `secretAccessKey` in `region` (base64 of version byte + signature). */
export function sesSmtpPassword(secretAccessKey: string, region: string): string {
  if (!isAwsRegion(region)) throw new ValidationError(`"${region}" is not an AWS region such as eu-west-1.`, { field: 'region' });
  if (!secretAccessKey) throw new ValidationError('The secret access key is empty.', { field: 'secretAccessKey' });
  let signature = sign(Buffer.from(`AWS4${secretAccessKey}`, 'utf8'), DATE);
  for (const part of [region, SERVICE, TERMINAL, MESSAGE]) signature = sign(signature, part);
  return Buffer.concat([Buffer.from([VERSION]), signature]).toString('base64');
}
