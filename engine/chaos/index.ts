// Chaos capability: rules that make the sandbox or a test destination answer with chosen
// SMTP errors, deterministically, to rehearse how applications and the relay react.
export { ChaosService } from './service';
export type { ChaosDeps } from './service';
export type { ChaosAnswer } from './rules';
