// Scripted SMTP replies: the literal reply lines a test script gives, checked against
// the reply grammar of RFC 5321 section 4.2 before anything goes on the wire.

/**
 * A reply exactly as the server sends it, without CRLF: `'451 4.7.1 Rate limited'`,
 * or one string per line for a multi-line reply: `['550-5.7.1 Blocked', '550 5.7.1 See url']`.
 */
export type ReplyLines = string | readonly string[];

/** What a scripted server does at a step: answer with these lines, or `'drop'` the TCP connection unanswered. */
export type Step = ReplyLines | 'drop';

/** A validated reply: its code and the text after `code SP` / `code -` on each line. */
export interface Reply {
  readonly code: number;
  readonly texts: readonly string[];
}

// RFC 5321 section 4.2: Reply-code is 2yz-5yz; continuation lines use "-", the last one SP.
const REPLY_LINE = /^([2-5][0-9]{2})(?:([ -])(.*))?$/;

export function parseReply(lines: ReplyLines): Reply {
  const list = typeof lines === 'string' ? [lines] : [...lines];
  if (list.length === 0) throw new Error('a scripted reply needs at least one line');
  let code = 0;
  const texts = list.map((line, index) => {
    const match = REPLY_LINE.exec(line);
    if (!match || /[\r\n]/.test(line)) throw new Error(`not an SMTP reply line: ${JSON.stringify(line)}`);
    const [, lineCode = '', separator = ' ', text = ''] = match;
    const isLast = index === list.length - 1;
    if (separator !== (isLast ? ' ' : '-')) {
      throw new Error(`reply line ${JSON.stringify(line)}: use "-" after the code on every line but the last`);
    }
    if (code !== 0 && Number(lineCode) !== code) throw new Error(`reply lines disagree on the code: ${list.join(' | ')}`);
    code = Number(lineCode);
    return text;
  });
  return { code, texts };
}

export function isStep(value: unknown): value is Step {
  return typeof value === 'string' || Array.isArray(value);
}

/** Parses every scripted step up front, so a typo in a test fails at start-up and not mid-session. */
export function checkStep(step: Step): void {
  if (step !== 'drop') parseReply(step);
}

export function isPositive(reply: Reply): boolean {
  return reply.code < 400;
}

/** The reply as it appears on the wire, one string per line without CRLF. */
export function formatReply(reply: Reply): string[] {
  const [only] = reply.texts;
  if (reply.texts.length === 1 && only === '') return [String(reply.code)];
  return reply.texts.map((text, index) => `${reply.code}${index === reply.texts.length - 1 ? ' ' : '-'}${text}`);
}
