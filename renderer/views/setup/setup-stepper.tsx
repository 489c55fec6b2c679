// The guide's steps in order: the current one marked for screen readers (aria-current),
// finished ones ticked, and those that need a credential first disabled.
import { SETUP_STEPS, type SetupStep } from './setup-model';

interface SetupStepperProps {
  current: SetupStep;
  completed: ReadonlySet<SetupStep>;
  isReachable(step: SetupStep): boolean;
  onSelect(step: SetupStep): void;
}

export function SetupStepper({ current, completed, isReachable, onSelect }: SetupStepperProps) {
  return (
    <nav aria-label="Setup steps">
      <ol className="setup-stepper" data-testid="setup-stepper">
        {SETUP_STEPS.map((step, index) => {
          const isDone = completed.has(step.key);
          return (
            <li key={step.key} className={`setup-stepper-item${step.key === current ? ' is-current' : ''}${isDone ? ' is-done' : ''}`}>
              <button
                type="button"
                className="setup-stepper-button"
                onClick={() => onSelect(step.key)}
                disabled={!isReachable(step.key)}
                aria-current={step.key === current ? 'step' : undefined}
                data-testid={`setup-stepper-${step.key}`}
                data-done={isDone}
              >
                <span className="setup-stepper-number" aria-hidden="true">{isDone ? '✓' : index + 1}</span>
                <span>{step.title}{isDone ? <span className="sr-only"> (done)</span> : null}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
