// A page's title (focused on navigation, so screen readers announce the new page) with
// an optional line under it and actions on the right.
import { useEffect, useRef, type ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, subtitle, actions }: PageHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only when focus is not already somewhere on the page (e.g. typing in a filter).
    if (document.activeElement === document.body || document.activeElement?.closest('.sidebar')) heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 className="page-title" ref={heading} tabIndex={-1} data-testid="page-title">{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
