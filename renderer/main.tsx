// Renderer entry: applies the theme, opens the connection for this environment (desktop
// bridge or browser WebSocket) and mounts the console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openConsoleConnection } from './api/index';
import { App } from './app';
import { createSetupGuideStore } from './stores/setup-guide-store';
import { createThemeStore } from './stores/theme-store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/pages.css';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const theme = createThemeStore({
  storage: localStorageOrNull(),
  media: window.matchMedia('(prefers-color-scheme: dark)'),
  root: document.documentElement,
});
const setupGuide = createSetupGuideStore({ storage: localStorageOrNull() });
const connection = openConsoleConnection(window);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App connection={connection} theme={theme} setupGuide={setupGuide} />
  </StrictMode>,
);
