// Copies a value to the clipboard and says so. Where there is no clipboard (a console
// opened over plain HTTP from another host, a denied permission) it says to select and
// copy by hand. A new value (another tab, a new secret) starts uncopied.
import { useEffect, useState } from 'react';

interface CopyButtonProps {
  text: string;
  testId: string;
  /** The button's text before copying. */
  label?: string;
  /** What is copied, for the accessible name, e.g. "value of the SPF record". */
  what?: string;
}

export function CopyButton({ text, testId, label = 'Copy', what }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setState('idle'), [text]);
  const copy = () => {
    const clipboard = typeof navigator.clipboard === 'undefined' ? null : navigator.clipboard;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <span className="copy-action">
      <button type="button" className="button button-small" onClick={copy} title={what ? `Copy the ${what}` : undefined} data-testid={testId} data-copied={state}>
        {state === 'copied' ? 'Copied' : label}
        {what ? <span className="sr-only"> (the {what})</span> : null}
      </button>
      {state === 'failed' ? <span className="form-error" role="alert">The clipboard is not available here; select the text and copy it by hand.</span> : null}
    </span>
  );
}
