import { useEffect, useState, type FormEvent } from 'react';
import type { LoginResponse, TotpEnrolment } from '../../../src/contracts/api.js';
import { api, setCsrfToken } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { useI18n } from '../i18n.js';

/** Second step of sign-in, or enrolment when the account has no authenticator yet. */
export function TotpPage({ mode, onDone }: { mode: 'mfa' | 'enrol'; onDone: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);

  useEffect(() => {
    if (mode !== 'enrol') return;
    api<TotpEnrolment>('POST', '/api/auth/enrol/start').then(setEnrolment, setError);
  }, [mode]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const res = await api<LoginResponse>('POST', mode === 'mfa' ? '/api/auth/totp' : '/api/auth/enrol/confirm', { code });
      setCsrfToken(res.csrfToken);
      onDone();
    } catch (e) {
      setError(e);
      setCode('');
    }
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="totp-title">
      <h1 id="totp-title">{mode === 'mfa' ? t.mfaTitle : t.enrolTitle}</h1>
      <p>{mode === 'mfa' ? t.mfaHelp : t.enrolHelp}</p>
      {enrolment ? (
        <div className="enrol">
          <img src={enrolment.qrDataUrl} alt="QR code (otpauth)" width={200} height={200} />
          <p>
            {t.secretManual}: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
        </div>
      ) : null}
      <Field
        label={t.code}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
      />
      <FormError error={error} />
      <button type="submit">{t.verify}</button>
    </form>
  );
}
