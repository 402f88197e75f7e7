import { useI18n } from '../../i18n.js';

/** Deadline traffic light; colour is never the only signal (text is always shown). */
export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${state}`} data-state={state}>
      {t.inc.states[state] ?? state}
    </span>
  );
}
