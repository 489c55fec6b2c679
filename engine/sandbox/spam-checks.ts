// Relaydesk's own header and content checks: the mistakes that cost real filters' points,
// each with a few points of its own. A heuristic, labelled as such next to spamd's score.
import type { LinkCheck, SpamReport } from '../api/contract';

export interface CheckedMessage {
  headers: Map<string, string>;
  subject: string | null;
  text: string | null;
  html: string | null;
  fromDomain: string | null;
  replyToDomain: string | null;
  imageCount: number;
  isBulk: boolean;
  links: readonly LinkCheck[];
}

type Check = { id: string; label: string; points: number; test(m: CheckedMessage): string | null };

const SHORTENERS = /^(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly)$/i;
const PHRASES = ['act now', 'click here', '100% free', 'free money', 'risk-free', 'winner', 'urgent', 'limited time', 'no cost', 'cash bonus'];
/** Below this much visible text, images carry the message: a pattern image spam uses. */
const MIN_TEXT_WITH_IMAGES = 200;

const visible = (html: string) => html.replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

// RFC 5322 §3.6 requires Date and From; Message-ID is a SHOULD that filters treat as a must.
const CHECKS: Check[] = [
  { id: 'date', label: 'Date header present', points: 1, test: (m) => (m.headers.has('date') ? null : 'No Date: header (RFC 5322 §3.6.1 requires one).') },
  { id: 'message-id', label: 'Message-ID header present', points: 1, test: (m) => (m.headers.has('message-id') ? null : 'No Message-ID: header.') },
  { id: 'from', label: 'From header with a domain', points: 2, test: (m) => (m.fromDomain ? null : 'No usable From: address.') },
  { id: 'subject', label: 'Subject present', points: 1, test: (m) => (m.subject?.trim() ? null : 'No subject.') },
  { id: 'subject-caps', label: 'Subject not in capitals', points: 1,
    test: (m) => (m.subject && m.subject.length > 10 && m.subject === m.subject.toUpperCase() && /[A-Z]/.test(m.subject) ? 'The subject is all capitals.' : null) },
  { id: 'subject-punctuation', label: 'No shouting punctuation in the subject', points: 0.5,
    test: (m) => (/[!?$]{3,}/.test(m.subject ?? '') ? 'The subject repeats !, ? or $.' : null) },
  { id: 'text-part', label: 'A plain-text part next to the HTML', points: 1, test: (m) => (m.html && !m.text?.trim() ? 'HTML only, no text/plain alternative.' : null) },
  { id: 'image-ratio', label: 'Enough text around images', points: 1,
    test: (m) => (m.html && m.imageCount > 0 && visible(m.html).length < MIN_TEXT_WITH_IMAGES ? `${m.imageCount} image(s) and under ${MIN_TEXT_WITH_IMAGES} characters of text.` : null) },
  { id: 'shorteners', label: 'No URL shorteners', points: 1, test: (m) => {
    const short = m.links.filter((link) => { try { return SHORTENERS.test(new URL(link.url).hostname); } catch { return false; } });
    return short.length ? `Links through shorteners hide where they go: ${short.map((l) => l.url).join(', ')}.` : null;
  } },
  { id: 'link-problems', label: 'Links without problems', points: 1, test: (m) => {
    const bad = m.links.filter((link) => link.problems.length);
    return bad.length ? `${bad.length} link(s) with problems (see the link check).` : null;
  } },
  { id: 'phrases', label: 'No spam phrases', points: 1, test: (m) => {
    const body = `${m.subject ?? ''} ${m.text ?? ''} ${m.html ? visible(m.html) : ''}`.toLowerCase();
    const found = PHRASES.filter((phrase) => body.includes(phrase));
    return found.length ? `Phrases filters score: ${found.map((p) => `"${p}"`).join(', ')}.` : null;
  } },
  { id: 'reply-to', label: 'Reply-To in the From domain', points: 0.5,
    test: (m) => (m.replyToDomain && m.fromDomain && m.replyToDomain !== m.fromDomain ? `Reply-To goes to ${m.replyToDomain}, From is ${m.fromDomain}.` : null) },
  { id: 'list-unsubscribe', label: 'List-Unsubscribe on bulk mail', points: 1,
    test: (m) => (m.isBulk && !m.headers.has('list-unsubscribe') ? 'Bulk mail without List-Unsubscribe: Gmail and Yahoo require it (RFC 8058 one-click).' : null) },
];

export function builtInChecks(message: CheckedMessage): SpamReport['builtIn'] {
  const checks = CHECKS.map((check) => {
    const detail = check.test(message);
    return { id: check.id, label: check.label, isPassed: detail === null, points: detail === null ? 0 : check.points, detail };
  });
  return { points: checks.reduce((sum, check) => sum + check.points, 0), checks };
}
