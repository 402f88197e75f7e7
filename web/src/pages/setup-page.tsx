import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { useI18n } from '../i18n.js';

export function SetupPage({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (!token) return <p className="card narrow">{t.setupNoToken}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setError(new Error(t.mismatch));
      return;
    }
    try {
      await api('POST', '/api/setup', { token, username, displayName, password });
      onDone();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title">
      <h1 id="setup-title">{t.setupTitle}</h1>
      <p>{t.setupHelp}</p>
      <Field label={t.username} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      <Field label={t.displayName} name="displayName" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      <Field label={t.password} name="password" type="password" autoComplete="new-password" hint={t.passwordRule} required value={password} onChange={(e) => setPassword(e.target.value)} />
      <Field label={t.confirmPassword} name="confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      <FormError error={error} />
      <button type="submit">{t.create}</button>
    </form>
  );
}
