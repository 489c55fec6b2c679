// "Getting started": from a fresh install to a first message in four steps (credential,
// route, configuration, test message). The console opens it by itself on a relay without
// credentials until skipped; the sidebar reopens it. The new secret lives in this page's
// state only: leaving the page forgets it.
import { useState } from 'react';
import { useStore } from 'zustand';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useConsole } from '../../shell/console-context';
import { CredentialStep } from './credential-step';
import { RouteStep } from './route-step';
import { SETUP_STEPS, type GuideCredential, type SetupStep } from './setup-model';
import { SetupStepper } from './setup-stepper';
import { SnippetsStep } from './snippets-step';
import { TestSendStep } from './test-send-step';

export function SetupView() {
  const { navigate, setupGuide, notices } = useConsole();
  const dismiss = useStore(setupGuide, (state) => state.dismiss);
  const show = useStore(notices, (state) => state.show);
  const [step, setStep] = useState<SetupStep>('credential');
  const [chosen, setChosen] = useState<GuideCredential | null>(null);
  const [completed, setCompleted] = useState<ReadonlySet<SetupStep>>(() => new Set());

  const complete = (done: SetupStep, next?: SetupStep) => {
    setCompleted((previous) => new Set(previous).add(done));
    if (next) setStep(next);
  };
  const skip = () => {
    dismiss();
    show('Skipped the guide. Reopen it any time from Getting started in the sidebar.');
    navigate({ page: 'dashboard' });
  };
  const index = SETUP_STEPS.findIndex((candidate) => candidate.key === step);

  return (
    <div className="page" data-testid="setup-page">
      <PageHeader
        title="Getting started"
        subtitle="From a fresh install to a first message in a few minutes: a credential, a route, your application's configuration, and a test message you can watch arrive."
        actions={<button type="button" className="button" onClick={skip} data-testid="setup-skip">Skip the guide</button>}
      />
      <SetupStepper current={step} completed={completed} isReachable={(target) => target === 'credential' || chosen !== null} onSelect={setStep} />
      <Panel title={`${index + 1}. ${SETUP_STEPS[index]?.title ?? ''}`} testId={`setup-step-${step}`}>
        {step === 'credential' ? <CredentialStep chosen={chosen} onChosen={setChosen} onContinue={() => complete('credential', 'route')} /> : null}
        {step === 'route' && chosen ? <RouteStep credential={chosen.credential} onContinue={() => complete('route', 'configure')} /> : null}
        {step === 'configure' && chosen ? <SnippetsStep chosen={chosen} onContinue={() => complete('configure', 'send')} /> : null}
        {step === 'send' && chosen ? <TestSendStep chosen={chosen} onSent={() => complete('send')} onFinish={() => navigate({ page: 'dashboard' })} /> : null}
      </Panel>
    </div>
  );
}
