// A table of records: scrollable sideways when narrow, headed by its columns. Rows are
// the caller's, so each table keeps its own cells and test ids.
import type { ReactNode } from 'react';
import { TableScroll } from './panel';

/** A column heading; `isNumeric` right-aligns it like its cells. A string is a plain heading. */
export type Column = string | { label: ReactNode; isNumeric?: boolean; className?: string };

interface DataTableProps {
  label: string;
  testId: string;
  columns: readonly Column[];
  className?: string;
  children: ReactNode;
}

export function DataTable({ label, testId, columns, className, children }: DataTableProps) {
  return (
    <TableScroll label={label}>
      <table className={`data-table${className ? ` ${className}` : ''}`} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, index) => typeof column === 'string'
              ? <th key={index} scope="col">{column}</th>
              : <th key={index} scope="col" className={[column.isNumeric ? 'numeric' : '', column.className ?? ''].join(' ').trim() || undefined}>{column.label}</th>)}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/** A heading only screen readers hear (a column of checkboxes or buttons). */
export function hiddenColumn(label: string): Column {
  return { label: <span className="sr-only">{label}</span> };
}
