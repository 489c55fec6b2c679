// The page for a route. Each page mounts fresh (keyed by page) so its subscriptions and
// scroll position start clean.
import { assertNever } from '../lib/assert-never';
import { ConversationsView } from '../views/conversations/conversations-view';
import { CredentialsView } from '../views/credentials/credentials-view';
import { DashboardView } from '../views/dashboard/dashboard-view';
import { MessageView } from '../views/message/message-view';
import { ComingSoonView } from '../views/placeholders/coming-soon-view';
import { QueueView } from '../views/queue/queue-view';
import { RoutesView } from '../views/routes/routes-view';
import { SettingsView } from '../views/settings/settings-view';
import { SuppressionsView } from '../views/suppressions/suppressions-view';
import { ThrottlesView } from '../views/throttles/throttles-view';
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
    case 'domains':
    case 'blocklists':
    case 'webhooks':
    case 'templates':
    case 'migration':
      return <ComingSoonView key={route.page} page={route.page} />;
    default:
      return assertNever(route);
  }
}
