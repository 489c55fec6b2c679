// Settings that exist today (appearance; on the desktop, which relay this app operates;
// retention per stream), and the ones still to come, said plainly.
import { useStore } from 'zustand';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useConsole } from '../../shell/console-context';
import type { ThemePreference } from '../../stores/theme-store';
import { AttachForm } from './attach-form';
import { RetentionPanel } from './retention-panel';

const THEMES: ReadonlyArray<{ value: ThemePreference; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const COMING: readonly string[] = [
  'Listeners, TLS certificate and trusted networks (today in config.yaml in the data directory)',
  'DNS resolvers and outbound TLS policy',
  'Operator accounts and an audit log of console actions',
];

export function SettingsView() {
  const { theme, transport } = useConsole();
  const { preference, setPreference } = useStore(theme);
  const desktop = window.relayDesktop ?? null;
  return (
    <div className="page" data-testid="settings-page">
      <PageHeader title="Settings" />
      <Panel title="Appearance" testId="appearance-panel">
        <fieldset className="radio-group">
          <legend className="sr-only">Theme</legend>
          {THEMES.map((option) => (
            <label key={option.value} className="radio-field">
              <input type="radio" name="theme" value={option.value} checked={preference === option.value} onChange={() => setPreference(option.value)} data-testid={`theme-${option.value}`} />
              {option.label}
            </label>
          ))}
        </fieldset>
      </Panel>
      <Panel title="Relay" testId="relay-panel">
        {transport === 'ipc' && desktop ? <AttachForm desktop={desktop} /> : (
          <p className="settings-text">
            This console is served by the relay at <span className="mono">{window.location.origin}</span> and talks to it over its control WebSocket.
            The access token stays in this tab only.
          </p>
        )}
      </Panel>
      <RetentionPanel />
      <Panel title="Coming" testId="coming-settings">
        <ul className="settings-text">
          {COMING.map((item) => <li key={item}>{item}</li>)}
        </ul>
      </Panel>
    </div>
  );
}
