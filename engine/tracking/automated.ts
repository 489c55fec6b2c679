// Tells opens and clicks made by machines from those made by readers: gateways and
// privacy proxies fetch images and follow links on arrival, before anyone reads the mail.
// Rules are data, each with the traffic it catches. Pure.

export interface Hit {
  method: string;
  userAgent: string | null;
  /** Time since the message was delivered to this recipient; null when not delivered yet. */
  sinceDeliveryMs: number | null;
}

export type Verdict = { isAutomated: false; reason: null } | { isAutomated: true; reason: string };

interface AgentRule {
  pattern: RegExp;
  reason: string;
}

const AGENT_RULES: readonly AgentRule[] = [
  // Apple Mail Privacy Protection fetches every image through Apple's proxy when the mail
  // arrives, whether or not it is read, with exactly this User-Agent and nothing else.
  { pattern: /^Mozilla\/5\.0$/, reason: 'Apple Mail Privacy Protection prefetch (bare "Mozilla/5.0" agent)' },
  // Mail security gateways open links and images to scan them: Barracuda, Mimecast,
  // Proofpoint (URL Defense), Zscaler, Symantec/MessageLabs, Trend Micro, Sophos, Cisco IronPort, FireEye.
  { pattern: /barracuda|mimecast|proofpoint|zscaler|symantec|messagelabs|trend ?micro|sophos|ironport|fireeye|forcepoint|fortiguard|urldefense|safelinks/i, reason: 'mail security scanner' },
  // Link unfurlers and previews (Slack, Teams, Skype, Bing) fetch pages pasted into chats.
  { pattern: /slackbot|teamsbot|skypeuripreview|bingpreview|facebookexternalhit|linkedinbot|whatsapp|discordbot|twitterbot/i, reason: 'link preview bot' },
  // Scripts and headless browsers, not mail clients.
  { pattern: /headlesschrome|phantomjs|curl\/|wget\/|python-requests|python-urllib|go-http-client|java\/|okhttp|axios\/|node-fetch|undici|libwww-perl/i, reason: 'script or headless browser' },
  { pattern: /\b(bot|crawler|spider|scanner)\b/i, reason: 'self-declared bot' },
];

/**
 * Gmail (GoogleImageProxy) and Yahoo (YahooMailProxy) fetch images when the reader opens the
 * message, so their proxies' hits are real opens; they match no rule above on purpose.
 */
export function classifyHit(hit: Hit, automatedWithinMs: number): Verdict {
  // RFC 9110 §9.3.2: HEAD is how link checkers probe; a reader's client always GETs.
  if (hit.method === 'HEAD') return { isAutomated: true, reason: 'HEAD request (link checker or prefetch)' };
  const agent = hit.userAgent?.trim() ?? '';
  if (agent === '') return { isAutomated: true, reason: 'no User-Agent' };
  const rule = AGENT_RULES.find((candidate) => candidate.pattern.test(agent));
  if (rule) return { isAutomated: true, reason: rule.reason };
  if (hit.sinceDeliveryMs === null) return { isAutomated: true, reason: 'before the message was delivered' };
  if (hit.sinceDeliveryMs < automatedWithinMs) {
    return { isAutomated: true, reason: `${Math.round(hit.sinceDeliveryMs)} ms after delivery (prefetch on arrival)` };
  }
  return { isAutomated: false, reason: null };
}
