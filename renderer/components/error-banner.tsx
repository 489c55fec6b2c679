// A failed call, in words the operator can act on; nothing when there is no error.
import type { ApiError } from '../../engine/api/contract';
import { describeApiError } from '../api/index';

export function ErrorBanner({ error, testId }: { error: ApiError | null; testId?: string }) {
  if (!error) return null;
  return <p className="banner banner-bad" role="alert" data-testid={testId ?? 'error-banner'}>{describeApiError(error)}</p>;
}
