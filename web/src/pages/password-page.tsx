import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { useI18n } from '../i18n.js';

export function PasswordPage({ forced, onDone }: { forced: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (newPassword !== confirm) {
      setError(new Error(t.mismatch));
      return;
    }
    try {
      await api('POST', '/api/auth/password', { currentPassword, newPassword });
      setError(null);
      setSaved(true);
      setCurrent('');
      setNew('');
      setConfirm('');
      onDone();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="pw-title">
      <h1 id="pw-title">{t.changePassword}</h1>
      {forced ? <p className="notice">{t.mustChange}</p> : null}
      <Field label={t.currentPassword} name="currentPassword" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <Field label={t.newPassword} name="newPassword" type="password" autoComplete="new-password" hint={t.passwordRule} required value={newPassword} onChange={(e) => setNew(e.target.value)} />
      <Field label={t.confirmPassword} name="confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      <FormError error={error} />
      {saved ? <p role="status">{t.saved}</p> : null}
      <button type="submit">{t.changePassword}</button>
    </form>
  );
}
