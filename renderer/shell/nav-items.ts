// The sidebar's entries: label, keyboard shortcut (after `g`), and whether the page works
// today or says what is coming. One list feeds the sidebar, the shortcuts and the help.
import type { PageId } from './routes';

export interface NavItem {
  page: PageId;
  label: string;
  /** Pressed after `g`, e.g. `g q` for the queue. */
  key: string;
  group: 'operate' | 'policy' | 'reputation' | 'adopt' | 'app';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { page: 'dashboard', label: 'Dashboard', key: 'd', group: 'operate' },
  { page: 'conversations', label: 'Conversations', key: 'c', group: 'operate' },
  { page: 'queue', label: 'Queue', key: 'q', group: 'operate' },
  { page: 'messages', label: 'Messages', key: 'f', group: 'operate' },
  { page: 'throttles', label: 'Throttles', key: 't', group: 'operate' },
  { page: 'analytics', label: 'Analytics', key: 'a', group: 'operate' },
  { page: 'suppressions', label: 'Suppressions', key: 's', group: 'policy' },
  { page: 'credentials', label: 'Credentials', key: 'k', group: 'policy' },
  { page: 'routes', label: 'Routes', key: 'r', group: 'policy' },
  { page: 'webhooks', label: 'Webhooks', key: 'w', group: 'policy' },
  { page: 'templates', label: 'Templates', key: 'e', group: 'policy' },
  { page: 'domains', label: 'Domains & DNS', key: 'n', group: 'reputation' },
  { page: 'blocklists', label: 'Blocklists', key: 'b', group: 'reputation' },
  { page: 'migration', label: 'Migration', key: 'm', group: 'adopt' },
  { page: 'sandbox', label: 'Sandbox', key: 'x', group: 'adopt' },
  { page: 'setup', label: 'Getting started', key: 'u', group: 'adopt' },
  { page: 'settings', label: 'Settings', key: ',', group: 'app' },
];

export const NAV_GROUP_LABELS: Record<NavItem['group'], string> = {
  operate: 'Operate',
  policy: 'Policy',
  reputation: 'Reputation',
  adopt: 'Adopt',
  app: 'App',
};

export function navItem(page: PageId): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.page === page);
  if (!item) throw new Error(`No navigation entry for ${page}`);
  return item;
}
