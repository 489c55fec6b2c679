// Chaos rules as data: which attempts a rule matches, whether it fires (a hash of the seed,
// rule, message, recipient and attempt number, so a run replays exactly), and the SMTP reply
// or network failure it stands for.
import { createHash } from 'node:crypto';
import type { ChaosAction, ChaosRule, ChaosSettings } from '../api/contract';
import { ValidationError } from '../shared/errors';
import { assertNever } from '../shared/assert-never';

/** What a rule answers for one recipient, in the shape delivery classifies. */
export interface ChaosAnswer {
  phase: 'rcpt' | 'data-end';
  reply?: { code: number; text: string };
  networkError?: { code: string; message: string };
}

export interface AttemptKey {
  messageId: string;
  sender: string;
  recipient: string;
  route: string;
  /** Attempts made before this one: a retry draws again. */
  attempt: number;
}

// Replies a real server gives with these codes (RFC 3463 statuses), so the classifier
// treats them as it would the real thing: 5.1.1 bounces and suppresses, 4.x.x defers.
const DEFAULT_TEXT: Record<number, string> = {
  421: '4.7.0 Try again later, closing connection',
  450: '4.2.0 Mailbox temporarily unavailable',
  451: '4.3.0 Local error in processing',
  452: '4.2.2 Mailbox full, try again later',
  550: '5.1.1 No such user here',
  551: '5.1.6 User not local',
  552: '5.2.2 Mailbox full',
  553: '5.1.3 Bad recipient address syntax',
  554: '5.7.1 Message rejected as spam',
};
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const DEFAULT_ROUTES = ['sandbox'];

function patternToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

export function matchesRule(rule: ChaosRule, key: AttemptKey): boolean {
  if (!rule.isEnabled) return false;
  if (!(rule.routes ?? DEFAULT_ROUTES).includes(key.route)) return false;
  if (rule.sender && !patternToRegExp(rule.sender).test(key.sender)) return false;
  if (rule.recipient && !patternToRegExp(rule.recipient).test(key.recipient)) return false;
  return true;
}

/** A number in [0, 1) fixed by the seed and the attempt. */
export function draw(seed: number, ruleId: string, key: AttemptKey): number {
  const digest = createHash('sha256').update(`${seed}:${ruleId}:${key.messageId}:${key.recipient.toLowerCase()}:${key.attempt}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The first rule that matches and fires, if any. */
export function decide(settings: ChaosSettings, key: AttemptKey): ChaosRule | null {
  for (const rule of settings.rules) {
    if (matchesRule(rule, key)) return draw(settings.seed, rule.id, key) < rule.probability ? rule : null;
  }
  return null;
}

/** The answer a rule gives; `slow` has none (the attempt just waits) unless it outlasts `timeoutMs`. */
export function answerOf(rule: ChaosRule, timeoutMs: number): ChaosAnswer | null {
  const phase = rule.phase === 'data' ? 'data-end' : 'rcpt';
  const action: ChaosAction = rule.action;
  switch (action.kind) {
    case 'reply': {
      const text = action.text ?? DEFAULT_TEXT[action.code]!.replace(/^\S+ /, '');
      const enhanced = action.enhanced ?? DEFAULT_TEXT[action.code]!.split(' ')[0]!;
      return { phase, reply: { code: action.code, text: `${action.code} ${enhanced} ${text} (chaos rule ${rule.id})` } };
    }
    case 'disconnect':
      return { phase, networkError: { code: 'ECONNRESET', message: `Connection closed by the destination without a reply (chaos rule ${rule.id}).` } };
    case 'slow':
      return action.delayMs >= timeoutMs ? { phase, networkError: { code: 'ETIMEDOUT', message: `No reply within ${timeoutMs} ms (chaos rule ${rule.id}).` } } : null;
    default:
      return assertNever(action, 'chaos action');
  }
}

export function describeAnswer(rule: ChaosRule | null, timeoutMs: number): string {
  if (!rule) return 'no rule fires: delivered (captured by the sandbox, or sent as usual)';
  const answer = answerOf(rule, timeoutMs);
  if (answer?.reply) return answer.reply.text;
  if (answer?.networkError) return `${answer.networkError.code}: ${answer.networkError.message}`;
  return `answers after ${(rule.action as { delayMs: number }).delayMs} ms, then as usual (chaos rule ${rule.id})`;
}

export function checkSettings(settings: ChaosSettings, routeExists: (name: string) => boolean): ChaosSettings {
  const ids = new Set<string>();
  for (const rule of settings.rules) {
    if (!RULE_ID.test(rule.id)) throw new ValidationError(`Chaos rule id "${rule.id}" must be 1-40 lower-case letters, digits or dashes.`, { field: 'rules' });
    if (ids.has(rule.id)) throw new ValidationError(`Two chaos rules are called "${rule.id}".`, { field: 'rules' });
    ids.add(rule.id);
    const missing = (rule.routes ?? DEFAULT_ROUTES).find((route) => !routeExists(route));
    if (missing !== undefined) throw new ValidationError(`Chaos rule "${rule.id}" names the route "${missing}", which does not exist.`, { field: 'rules' });
  }
  return settings;
}
