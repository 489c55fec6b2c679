// The navigation: every page, grouped, with its `g` shortcut and, for the queue, how
// many recipients are waiting.
import { Fragment } from 'react';
import { formatCount } from '../lib/format';
import { NAV_GROUP_LABELS, NAV_ITEMS, type NavItem } from './nav-items';
import { NavIcon } from './nav-icon';
import { formatRoute, pageRoute, type PageId } from './routes';

interface SidebarProps {
  current: PageId;
  /** Recipients waiting (queued, sending, deferred, held); null before the first status. */
  waiting: number | null;
}

export function Sidebar({ current, waiting }: SidebarProps) {
  const groups = [...new Set(NAV_ITEMS.map((item) => item.group))];
  return (
    <nav className="sidebar" aria-label="Console">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3 6.5 12 12l9-5.5M4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11A1.5 1.5 0 0 1 4.5 5Z" />
        </svg>
        <span className="brand-name">Relaydesk</span>
      </div>
      {groups.map((group) => (
        <Fragment key={group}>
          <p className="nav-group" id={`nav-group-${group}`}>{NAV_GROUP_LABELS[group]}</p>
          <ul className="nav-list" aria-labelledby={`nav-group-${group}`}>
            {NAV_ITEMS.filter((item) => item.group === group).map((item) => (
              <li key={item.page}>
                <NavLink item={item} isCurrent={item.page === current} waiting={item.page === 'queue' ? waiting : null} />
              </li>
            ))}
          </ul>
        </Fragment>
      ))}
      <p className="nav-hint">Press <kbd>?</kbd> for shortcuts</p>
    </nav>
  );
}

function NavLink({ item, isCurrent, waiting }: { item: NavItem; isCurrent: boolean; waiting: number | null }) {
  return (
    <a
      className="nav-link"
      href={formatRoute(pageRoute(item.page))}
      aria-current={isCurrent ? 'page' : undefined}
      aria-keyshortcuts={`g ${item.key}`}
      data-testid={`nav-${item.page}`}
    >
      <NavIcon page={item.page} />
      <span className="nav-label">{item.label}</span>
      {waiting ? <span className="nav-count" aria-label={`${formatCount(waiting)} waiting`}>{formatCount(waiting)}</span> : null}
    </a>
  );
}
