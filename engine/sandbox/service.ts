// The sandbox as the contract sees it: inboxes per credential, and the inspection of one
// captured message (HTML compatibility, links, spam score, authentication as received).
import type { InspectionReport, Page, SandboxInbox, SandboxMessageSummary, SessionView } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { domainOf } from '../shared/domains';
import { authenticationReport, type AuthenticationDeps } from './authentication';
import { compatibilityReport } from './compatibility';
import { SandboxInboxes, type InboxFilter } from './inbox';
import { linkReport } from './links';
import { builtInChecks } from './spam-checks';
import { scoreWithSpamd } from './spamd';

export interface SandboxDeps extends AuthenticationDeps {
  store: Store;
  clock: Clock;
  /** spamd's host:port when configured, and how long it may take. */
  spamd: { server: string | undefined; timeoutMs: number };
  /** A session, live or stored. */
  session(id: string): SessionView | undefined;
}

export class SandboxService {
  private readonly inboxes: SandboxInboxes;

  constructor(private readonly deps: SandboxDeps) {
    this.inboxes = new SandboxInboxes(deps.store);
  }

  list(): SandboxInbox[] {
    return this.inboxes.inboxes();
  }

  messages(filter: InboxFilter, cursor: string | undefined, limit: number): Page<SandboxMessageSummary> {
    return this.inboxes.messages(filter, cursor, limit);
  }

  /** A captured message's summary; not found for mail that did not go to the sandbox. */
  get(id: string): SandboxMessageSummary {
    const summary = this.inboxes.get(id);
    if (!summary) throw new NotFoundError(`No sandbox message with queue id ${id}.`, { id });
    return summary;
  }

  async inspect(id: string, options: { checkLinks: boolean }): Promise<InspectionReport> {
    const summary = this.get(id);
    const stored = this.deps.store.messages.get(id)!;
    const raw = this.deps.store.messages.raw(id);
    if (!raw) throw new NotFoundError(`The body of ${id} was removed by the retention policy.`, { id });
    // Loaded on first use: its charset tables cost every CLI command otherwise.
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: true, skipTextLinks: true });
    const html = typeof parsed.html === 'string' ? parsed.html : null;
    const text = parsed.text ?? null;
    const session = stored.sessionId ? this.deps.session(stored.sessionId) : undefined;
    const [links, spamd, authentication] = await Promise.all([
      linkReport(html, text, options.checkLinks),
      scoreWithSpamd(this.deps.spamd.server, raw, this.deps.spamd.timeoutMs),
      authenticationReport(this.deps, { raw, mailFrom: stored.mailFrom, client: session ? { ip: session.remoteAddress, helo: session.helo } : null }),
    ]);
    const addressDomain = (value: typeof parsed.from) => {
      const address = value?.value[0]?.address;
      return address ? domainOf(address) : null;
    };
    const builtIn = builtInChecks({
      headers: new Map(parsed.headerLines.map((line) => [line.key, line.line])),
      subject: parsed.subject ?? summary.subject,
      text, html,
      fromDomain: addressDomain(parsed.from),
      replyToDomain: addressDomain(parsed.replyTo),
      imageCount: (html?.match(/<img\b/gi)?.length ?? 0),
      isBulk: stored.stream === 'bulk',
      links: links.links,
    });
    return {
      messageId: id,
      at: this.deps.clock.now(),
      compatibility: compatibilityReport(html),
      links,
      spam: { spamd, builtIn },
      authentication,
    };
  }
}
