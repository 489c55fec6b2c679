// The only two IPC channels between the console window and main: contract frames in
// (renderer → main) and out (main → renderer). Shared by main and the preload.
export const CALL_CHANNEL = 'relay:call';
export const EVENT_CHANNEL = 'relay:event';
