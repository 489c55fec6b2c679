// Compose capability: what a submitted message becomes before it is queued (templates,
// tracking, List-Unsubscribe), and the intake that applies it to every submission.
export { Composer } from './composer';
export type { ComposeOptions, Composed, ComposerDeps, IntakeMessage } from './composer';
export { ComposingIntake } from './composing-intake';
export type { ComposedIntakeResult } from './composing-intake';
export { buildMime } from './mime-body';
