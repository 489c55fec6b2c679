// The engine as a whole: listeners, status, pauses. Types only.
import type { ListenerTls, StateCounts, Stream } from './common';

/** One SMTP listener and what it is doing now. */
export interface ListenerView {
  /** Operator-chosen name, e.g. `submission`. */
  name: string;
  host: string;
  port: number;
  tls: ListenerTls;
  /** `failed` carries the reason in `error` (e.g. a privileged port without permission). */
  state: 'listening' | 'stopped' | 'failed';
  error: string | null;
  /** Sessions connected to this listener now. */
  activeSessions: number;
}

/** A live summary of the engine: the first screen of every console. */
export interface EngineStatus {
  version: string;
  /** Epoch ms when this engine started. */
  startedAt: number;
  /** Epoch ms when this status was taken. */
  takenAt: number;
  dataDir: string;
  hostname: string;
  listeners: ListenerView[];
  sessions: {
    /** Inbound sessions connected now. */
    active: number;
    /** Inbound sessions since start. */
    sinceStart: number;
  };
  messages: {
    /** Messages accepted (250 sent) since start. */
    acceptedSinceStart: number;
    /** Transactions refused at MAIL, RCPT or end of DATA since start. */
    rejectedSinceStart: number;
  };
  /** Recipient counts per stream and state, across the whole store. */
  queue: Record<Stream, StateCounts>;
  /** The store's group commit: how many commits and how many durable writes they carried. */
  store: {
    commits: number;
    durableWrites: number;
    /** Duration of the last commit (fsync included), ms. */
    lastCommitMs: number;
  };
  delivery: {
    /** `sandbox` while every routing rule ends in the sandbox: nothing leaves this machine. */
    mode: 'sandbox' | 'live';
    /** False for a CLI opening the store without a running relay. */
    isRunning: boolean;
    /** Recipients being delivered now, per stream. */
    inFlight: Record<Stream, number>;
    pauses: PauseView[];
  };
}

/** A paused part of delivery: nothing of it is sent until resumed (or `until` passes). */
export interface PauseView {
  kind: 'stream' | 'domain' | 'route' | 'source';
  target: string;
  reason: string;
  until: number | null;
  createdAt: number;
}
