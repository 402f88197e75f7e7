import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from './api.js';
import { Field } from './components/field.js';
import { FormError } from './components/form-error.js';
import { useI18n } from './i18n.js';

/** Covers the whole screen (personal data must not stay visible on an unattended terminal). */
export function LockScreen({ username, onUnlocked, onSignOut }: { username: string; onUnlocked: () => void; onSignOut: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialog.current?.querySelector('input')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', '/api/auth/unlock', { password });
      setPassword('');
      onUnlocked();
    } catch (e) {
      setError(e);
      setPassword('');
    }
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" ref={dialog} data-testid="lock-screen">
      <form className="card narrow" onSubmit={(e) => void submit(e)}>
        <h1 id="lock-title">{t.lockedTitle}</h1>
        <p>{t.lockedHelp}</p>
        <p>
          {t.username}: <strong>{username}</strong>
        </p>
        <Field label={t.password} name="unlock-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <FormError error={error} />
        <div className="row">
          <button type="submit">{t.unlock}</button>
          <button type="button" className="secondary" onClick={onSignOut}>
            {t.signOut}
          </button>
        </div>
      </form>
    </div>
  );
}
