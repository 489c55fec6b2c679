// A number of days: the usual choices in a list, or any whole number with "Other".
import { useState } from 'react';

interface DaysFieldProps {
  label: string;
  presets: readonly number[];
  /** The typed value; validated by the form. */
  value: string;
  onChange(value: string): void;
  error: string | null;
  testId: string;
}

export function DaysField({ label, presets, value, onChange, error, testId }: DaysFieldProps) {
  const [isOther, setOther] = useState(() => !presets.includes(Number(value)));
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${testId}-select`}>{label}</label>
      <span className="inline-fields">
        <select
          id={`${testId}-select`}
          className="select"
          value={isOther ? 'other' : value}
          onChange={(event) => {
            const isNowOther = event.target.value === 'other';
            setOther(isNowOther);
            if (!isNowOther) onChange(event.target.value);
          }}
          data-testid={testId}
        >
          {presets.map((days) => <option key={days} value={String(days)}>{days} days</option>)}
          <option value="other">Other…</option>
        </select>
        {isOther ? (
          <input
            className="text-input mono days-input"
            inputMode="numeric"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-label={`${label}, number of days`}
            aria-invalid={error !== null}
            data-testid={`${testId}-other`}
          />
        ) : null}
      </span>
      {error ? <span className="field-error" data-testid={`${testId}-error`}>{error}</span> : null}
    </div>
  );
}
