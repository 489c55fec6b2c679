// Short confirmations of what the operator just did ("Held 3 recipients"), announced
// politely to screen readers and gone after a few seconds.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Notice {
  id: number;
  tone: 'ok' | 'bad';
  text: string;
}

export interface NoticeState {
  notices: Notice[];
  show(text: string, tone?: Notice['tone']): void;
  dismiss(id: number): void;
}

const VISIBLE_MS = 5000;

export function createNoticeStore(): StoreApi<NoticeState> {
  let nextId = 1;
  return createStore<NoticeState>((set) => ({
    notices: [],
    show(text, tone = 'ok') {
      const id = nextId++;
      set((state) => ({ notices: [...state.notices.slice(-3), { id, tone, text }] }));
      setTimeout(() => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })), VISIBLE_MS);
    },
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
  }));
}
