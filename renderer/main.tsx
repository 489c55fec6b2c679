// Renderer entry: opens the connection for this environment (desktop bridge or browser
// WebSocket) and mounts the console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openConsoleConnection } from './api/index';
import { App } from './app';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';

const connection = openConsoleConnection(window);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App connection={connection} />
  </StrictMode>,
);
