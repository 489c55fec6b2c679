// The list of keyboard shortcuts, opened with `?`.
import { Dialog } from '../components/dialog';
import { NAV_ITEMS } from './nav-items';

const OTHER_KEYS: ReadonlyArray<[string, string]> = [
  ['?', 'Show this list'],
  ['/', 'Search or filter on this page'],
  ['Esc', 'Close a dialog'],
  ['↑ ↓', 'Queue: move between rows · Conversations: move between sessions'],
  ['Space', 'Queue: select the row'],
  ['Enter', 'Open the row'],
  ['← →  or  k j', 'Conversation: previous / next line while stepping through'],
];

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcut-help">
      <table className="data-table compact">
        <tbody>
          {NAV_ITEMS.map((item) => (
            <tr key={item.page}>
              <td className="nowrap"><kbd>g</kbd> <kbd>{item.key}</kbd></td>
              <td>Go to {item.label}</td>
            </tr>
          ))}
          {OTHER_KEYS.map(([keys, what]) => (
            <tr key={keys}>
              <td className="nowrap"><kbd>{keys}</kbd></td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
