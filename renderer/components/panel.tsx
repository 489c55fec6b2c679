// A titled section of a screen; its heading labels the region for screen readers.
import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** A short line under the title: what the numbers cover. */
  description?: string;
  /** Right-aligned in the header, e.g. a count. */
  aside?: ReactNode;
  testId: string;
  /** Fills the rest of a full-height page (a list that scrolls inside). */
  isFill?: boolean;
  children: ReactNode;
}

export function Panel({ title, description, aside, testId, isFill, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={isFill ? 'panel panel-fill' : 'panel'} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel-header">
        <div>
          <h2 id={headingId} className="panel-title">{title}</h2>
          {description ? <p className="panel-description">{description}</p> : null}
        </div>
        {aside ? <div className="panel-aside">{aside}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** A horizontally scrollable table area that keyboard users can focus and scroll. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
