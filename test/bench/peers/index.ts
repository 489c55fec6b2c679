// Bench peer layer: a private Postfix, Postfix's smtp-source/smtp-sink, and script cleanup.
export { startPrivatePostfix, type PostfixMode, type PrivatePostfix, type PrivatePostfixOptions } from './postfix';
export {
  runSmtpSource,
  startSmtpSink,
  type SmtpSink,
  type SmtpSinkOptions,
  type SmtpSourceOptions,
  type SmtpSourceResult,
} from './smtp-tools';
export { freePort, waitForSmtpGreeting } from './ports';
export { runBenchScript, type BenchScope } from './scope';
