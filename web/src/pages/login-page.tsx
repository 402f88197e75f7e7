import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '../../../src/contracts/api.js';
import { api, setCsrfToken } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { useI18n } from '../i18n.js';

export function LoginPage({ onDone, notice }: { onDone: () => void; notice?: string | undefined }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<LoginResponse>('POST', '/api/auth/login', { username, password });
      setCsrfToken(res.csrfToken);
      setPassword('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <h1 id="login-title">{t.signIn}</h1>
      {notice ? <p className="notice">{notice}</p> : null}
      <Field label={t.username} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      <Field label={t.password} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {t.signIn}
      </button>
    </form>
  );
}
