// The queue in the shape of Postfix's qshape: destinations down, age buckets across.
// A cell opens the table filtered to that destination.
import type { QueueShape } from '../../../engine/api/contract';
import { TableScroll } from '../../components/panel';
import { formatCount } from '../../lib/format';

interface QshapeGridProps {
  shape: QueueShape;
  selectedDomain: string;
  onSelectDomain(domain: string): void;
}

export function QshapeGrid({ shape, selectedDomain, onSelectDomain }: QshapeGridProps) {
  if (shape.total === 0) return <p className="empty" data-testid="qshape-empty">Nothing is waiting in these states.</p>;
  return (
    <TableScroll label="Queue shape by destination and age">
      <table className="data-table qshape" data-testid="qshape">
        <thead>
          <tr>
            <th scope="col">Destination</th>
            <th scope="col" className="numeric">Total</th>
            {shape.bucketLabels.map((label) => <th scope="col" key={label} className="numeric">{label.replace(' min', '')}</th>)}
          </tr>
        </thead>
        <tbody>
          <tr className="qshape-totals">
            <th scope="row">All destinations</th>
            <td className="numeric strong">{formatCount(shape.total)}</td>
            {shape.totals.map((count, i) => <td key={i} className={`numeric${count ? '' : ' zero'}`}>{formatCount(count)}</td>)}
          </tr>
          {shape.rows.map((row) => (
            <tr key={row.domain} className={row.domain === selectedDomain ? 'is-selected' : undefined} data-testid={`qshape-row-${row.domain}`}>
              <th scope="row" className="mono">
                <button type="button" className="link-button" onClick={() => onSelectDomain(row.domain)}>{row.domain}</button>
              </th>
              <td className="numeric strong">{formatCount(row.total)}</td>
              {row.buckets.map((count, i) => (
                <td key={i} className={`numeric qshape-cell${count ? '' : ' zero'}`}>
                  {count ? (
                    <button
                      type="button"
                      className="cell-button"
                      onClick={() => onSelectDomain(row.domain)}
                      aria-label={`${formatCount(count)} to ${row.domain}, ${shape.bucketLabels[i]} old: show ${row.domain}`}
                      data-testid={`qshape-cell-${row.domain}-${i}`}
                    >
                      {formatCount(count)}
                    </button>
                  ) : '0'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
