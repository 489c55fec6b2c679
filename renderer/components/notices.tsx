// The stack of short confirmations in the corner, read out politely by screen readers.
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { NoticeState } from '../stores/notice-store';

export function Notices({ store }: { store: StoreApi<NoticeState> }) {
  const { notices, dismiss } = useStore(store);
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
