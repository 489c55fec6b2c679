// Wire frames shared by every transport of the contract (Electron IPC, WebSocket).
// Types only, so the renderer can import them. Modelled on VS Code's IPC request and
// response kinds: calls get ok/err; subscriptions get a snapshot, then numbered events.
import type { ApiError } from './contract';

export type ClientFrame =
  | { type: 'call'; id: number; method: string; params: unknown }
  | { type: 'sub'; id: number; topic: string; params: unknown }
  | { type: 'unsub'; id: number }
  /** Asks for a fresh snapshot, e.g. after the client noticed a gap in `seq`. */
  | { type: 'resync'; id: number };

export type ServerFrame =
  | { type: 'ok'; id: number; value: unknown }
  | { type: 'err'; id: number; error: ApiError }
  /** Starts (or restarts, after an overflow or resync) a subscription's sequence at `seq`. */
  | { type: 'snapshot'; id: number; seq: number; data: unknown }
  /** The next event of a subscription; `seq` is the previous frame's plus one. */
  | { type: 'event'; id: number; seq: number; data: unknown };
