// The tray icon's behaviour: follows engine.status (and, attached to a remote relay, the
// link), shows the state as colour and tooltip, and offers Open and Quit.
import type { ApiClient, EngineStatus } from '../engine/api/contract';
import type { LinkState } from './relay-channels';
import { describeTray, type TrayLevel, type TrayView } from './tray-status';

/** The parts of Electron's Tray used here; the image and menu types are Electron's. */
export interface TrayLike<Image, Menu> {
  setToolTip(text: string): void;
  setImage(image: Image): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface MenuEntry {
  label: string;
  isEnabled: boolean;
  click?: () => void;
}

export interface TrayDeps<Image, Menu> {
  createTray(image: Image): TrayLike<Image, Menu>;
  image(level: TrayLevel): Image;
  menu(entries: MenuEntry[]): Menu;
  open(): void;
  quit(): void;
}

export interface TrayController {
  /** The remote link moved (attached mode only). */
  setLink(state: LinkState): void;
  stop(): void;
}

export function startTray<Image, Menu>(client: ApiClient, deps: TrayDeps<Image, Menu>, remoteUrl: string | null): TrayController {
  let status: EngineStatus | null = null;
  let link: LinkState | null = remoteUrl ? { kind: 'connecting' } : null;
  let shown: TrayView | null = null;
  let imageLevel: TrayLevel = 'warn';
  const tray = deps.createTray(deps.image(imageLevel));
  tray.on('click', deps.open);

  const render = (): void => {
    const view = describeTray(status, link, remoteUrl);
    if (shown?.tooltip === view.tooltip && shown.level === view.level) return;
    if (view.level !== imageLevel) tray.setImage(deps.image((imageLevel = view.level)));
    shown = view;
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(deps.menu([
      { label: 'Open Relaydesk', isEnabled: true, click: deps.open },
      { label: view.summary, isEnabled: false },
      { label: 'Quit Relaydesk', isEnabled: true, click: deps.quit },
    ]));
  };

  const stop = client.subscribe('engine.status', {}, {
    onSnapshot: (next) => {
      status = next;
      render();
    },
    onEvent: (next) => {
      status = next;
      render();
    },
  });
  render();
  return {
    setLink(state) {
      link = state;
      render();
    },
    stop() {
      stop();
      tray.destroy();
    },
  };
}
