import { ApiError } from '../api.js';
import { useI18n } from '../i18n.js';

/** Error text announced to screen readers; shows the stable code for support. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  let message = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : 'unknown error';
  const failures = error instanceof ApiError ? error.details?.failures : undefined;
  if (Array.isArray(failures)) {
    const labels: Record<string, string> = t.passwordFailures;
    message += ` — ${failures.map((f) => labels[String(f)] ?? String(f)).join(', ')}`;
  }
  return (
    <p className="error" role="alert" data-testid="error">
      {t.error}: {message}
    </p>
  );
}
