// Pages whose engine capability has not landed: each says plainly what it will do, and
// shows no made-up data.
import { PageHeader } from '../../components/page-header';
import { navItem } from '../../shell/nav-items';
import type { PageId } from '../../shell/routes';

type SoonPage = Extract<PageId, 'domains' | 'blocklists' | 'webhooks' | 'templates' | 'migration'>;

const PLANS: Record<SoonPage, { summary: string; points: string[]; meanwhile: string }> = {
  domains: {
    summary: 'Verify each sending domain and see its DNS health at a glance.',
    points: [
      'Add a sending domain and get the exact SPF, DKIM, DMARC and return-path records to publish.',
      'A live check of what DNS answers now, record by record, with what is missing or wrong.',
      'MTA-STS and TLS-RPT status for receiving-side policy.',
    ],
    meanwhile: 'DKIM keys can already be generated with `relaydesk call dkim.generate`; their DNS records are listed by `dkim.list`.',
  },
  blocklists: {
    summary: 'Whether your sending addresses are listed on the DNS blocklists receivers use.',
    points: [
      'Scheduled DNSBL lookups for each source address, with the listing reason and its removal link.',
      'An alert (and an OS notification on the desktop) the moment a listing appears.',
      'History of listings and delistings per address.',
    ],
    meanwhile: 'Blocklist alerts raised by the engine already show on the dashboard and as notifications.',
  },
  webhooks: {
    summary: 'Delivery events pushed to your applications, signed and retried.',
    points: [
      'Endpoints per event type (delivered, deferred, bounced, complained, opened).',
      'Signatures with a rotating secret, retries with backoff, and a delivery log per endpoint.',
      'Replay of past events to a new endpoint.',
    ],
    meanwhile: 'Every event is already stored; the message page shows each message\'s events.',
  },
  templates: {
    summary: 'Reusable messages your applications send by name through the Email API.',
    points: [
      'Versioned templates with variables, a preview with sample data, and a test send.',
      'Plain-text generated from HTML, with a diff between versions.',
    ],
    meanwhile: 'Applications send complete messages over SMTP today.',
  },
  migration: {
    summary: 'Guided moves off SendGrid, Mailgun, Amazon SES, Postmark, Brevo and Mailchimp Transactional.',
    points: [
      'A checklist per provider: DNS changes, suppression import, webhooks, credentials.',
      'A warm-up plan for new source addresses, and a split that moves a share of traffic at a time.',
      'Side-by-side delivery and bounce rates of the old and new route during the move.',
    ],
    meanwhile: 'The split and warm-up already work: set a split in Routes, and warm-up plans with `relaydesk call warmup.set`.',
  },
};

export function ComingSoonView({ page }: { page: SoonPage }) {
  const plan = PLANS[page];
  return (
    <div className="page" data-testid={`coming-soon-${page}`}>
      <PageHeader title={navItem(page).label} subtitle={plan.summary} />
      <section className="panel coming-soon">
        <p className="strong">Not available yet in this version of Relaydesk. When it lands, this page will offer:</p>
        <ul>
          {plan.points.map((point) => <li key={point}>{point}</li>)}
        </ul>
        <p className="muted">Meanwhile: {plan.meanwhile}</p>
      </section>
    </div>
  );
}
