// Line icons for the sidebar, drawn inline (no icon font: the CSP allows no remote assets).
import type { PageId } from './routes';

const PATHS: Record<PageId, string> = {
  dashboard: 'M4 13h6V4H4v9Zm0 7h6v-5H4v5Zm10 0h6v-9h-6v9Zm0-16v5h6V4h-6Z',
  conversations: 'M4 5h16v10H8l-4 4V5Zm4 4h8m-8 3h5',
  queue: 'M4 6h16M4 12h16M4 18h10',
  messages: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM15.5 15.5 20 20',
  analytics: 'M4 20V10m6 10V4m6 16v-7m4 7H3',
  sandbox: 'M4 8h16v11H4V8Zm0 0 2-4h12l2 4M9 12h6',
  setup: 'M5 12l4 4 10-10',
  throttles: 'M12 20a8 8 0 1 1 8-8M12 12l4-4',
  suppressions: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM5.6 5.6l12.8 12.8',
  credentials: 'M14 10a4 4 0 1 0-3.5 4H12v2h2v2h3v-3l-3-3Z',
  routes: 'M6 18a2 2 0 1 0 0-4 2 2 0 0 0 0 4Zm12-8a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM8 16h4a4 4 0 0 0 4-4v-2',
  domains: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-9 9h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18',
  blocklists: 'M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6l-8-3Zm-3 9h6',
  webhooks: 'M9 15a3 3 0 1 1-2.6-3M15 15h-4l-2-4m6 4a3 3 0 1 0 2.6 1.5M12 6a3 3 0 1 1 2.5 4.5',
  templates: 'M5 4h14v16H5V4Zm3 4h8M8 12h8M8 16h5',
  migration: 'M4 12h12m0 0-4-4m4 4-4 4M20 5v14',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.6 7.6 0 0 0-2.2-1.3L14.4 3h-4l-.3 2.4a7.6 7.6 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.6 7.6 0 0 0 2.2 1.3l.3 2.4h4l.3-2.4a7.6 7.6 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3Z',
};

export function NavIcon({ page }: { page: PageId }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[page]} />
    </svg>
  );
}
