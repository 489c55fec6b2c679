// The page for a route. Each page mounts fresh (keyed by page) so its subscriptions and
// scroll position start clean.
import { assertNever } from '../lib/assert-never';
import { AnalyticsView } from '../views/analytics/analytics-view';
import { BlocklistsView } from '../views/blocklists/blocklists-view';
import { ConversationsView } from '../views/conversations/conversations-view';
import { CredentialsView } from '../views/credentials/credentials-view';
import { DashboardView } from '../views/dashboard/dashboard-view';
import { DomainsView } from '../views/domains/domains-view';
import { MessageView } from '../views/message/message-view';
import { MessagesView } from '../views/messages/messages-view';
import { MigrationView } from '../views/migration/migration-view';
import { QueueView } from '../views/queue/queue-view';
import { RoutesView } from '../views/routes/routes-view';
import { SandboxView } from '../views/sandbox/sandbox-view';
import { SettingsView } from '../views/settings/settings-view';
import { SetupView } from '../views/setup/setup-view';
import { SuppressionsView } from '../views/suppressions/suppressions-view';
import { TemplatesView } from '../views/templates/templates-view';
import { ThrottlesView } from '../views/throttles/throttles-view';
import { WebhooksView } from '../views/webhooks/webhooks-view';
import type { Route } from './routes';

export function PageOutlet({ route }: { route: Route }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardView />;
    case 'conversations':
      return <ConversationsView sessionId={route.sessionId} />;
    case 'queue':
      return <QueueView query={route.query} />;
    case 'message':
      return <MessageView key={route.id} id={route.id} />;
    case 'throttles':
      return <ThrottlesView />;
    case 'suppressions':
      return <SuppressionsView />;
    case 'credentials':
      return <CredentialsView />;
    case 'routes':
      return <RoutesView />;
    case 'settings':
      return <SettingsView />;
    case 'blocklists':
      return <BlocklistsView />;
    case 'messages':
      return <MessagesView />;
    case 'analytics':
      return <AnalyticsView />;
    case 'domains':
      return <DomainsView />;
    case 'webhooks':
      return <WebhooksView />;
    case 'templates':
      return <TemplatesView />;
    case 'migration':
      return <MigrationView />;
    case 'sandbox':
      return <SandboxView />;
    case 'setup':
      return <SetupView />;
    default:
      return assertNever(route);
  }
}
