import { useEffect, useState, type FormEvent } from 'react';
import type { AuthorityView, HospitalProfileRequest } from '../../../src/contracts/incidents.js';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { useI18n } from '../i18n.js';

interface Rules {
  sokuhoWarnDay: number;
  sokuhoDueDay: number;
  kakuhoDays: number;
  kakuhoDaysMalicious: number;
  asapDueDay: number;
  knownDayIsDayOne: boolean;
}

/** Hospital profile (法26条/法68条, university hospital, founder), deadline rule, authority registry. */
export function SettingsPage() {
  const { t } = useI18n();
  const s = t.settings;
  const [profile, setProfile] = useState<HospitalProfileRequest | null>(null);
  const [rules, setRules] = useState<Rules | null>(null);
  const [authorities, setAuthorities] = useState<AuthorityView[]>([]);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<HospitalProfileRequest>('GET', '/api/settings/hospital').then(setProfile, setError);
    api<Rules>('GET', '/api/settings/deadline-rules').then(setRules, setError);
    api<{ authorities: AuthorityView[] }>('GET', '/api/authorities').then((r) => setAuthorities(r.authorities), setError);
  }, []);

  const saveProfile = (ev: FormEvent) => {
    ev.preventDefault();
    if (!profile) return;
    api<HospitalProfileRequest>('PATCH', '/api/settings/hospital', profile).then((p) => {
      setProfile(p);
      setSaved(s.saved);
      setError(null);
    }, setError);
  };

  const saveAuthority = (a: AuthorityView) => {
    api<{ authorities: AuthorityView[] }>('PATCH', `/api/authorities/${a.id}`, { name: a.name, contact: a.contact, phone: a.phone, url: a.url, note: a.note }).then((r) => {
      setAuthorities(r.authorities);
      setSaved(s.saved);
    }, setError);
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t.settingsNav}</h1>
      <FormError error={error} />
      {saved ? <p role="status">{saved}</p> : null}
      {profile ? (
        <form className="card" onSubmit={saveProfile}>
          <h2>{s.hospital}</h2>
          <Field label={s.name} name="hp-name" value={profile.name} onChange={(e) => setProfile({ ...profile, name: e.target.value })} />
          <div className="field">
            <label htmlFor="hp-regime">{s.regime}</label>
            <select id="hp-regime" value={profile.regime} onChange={(e) => setProfile({ ...profile, regime: e.target.value === 'art68' ? 'art68' : 'art26' })}>
              <option value="art26">{s.art26}</option>
              <option value="art68">{s.art68}</option>
            </select>
          </div>
          <label>
            <input type="checkbox" checked={profile.universityHospital} onChange={(e) => setProfile({ ...profile, universityHospital: e.target.checked })} /> {s.university}
          </label>
          <Field label={s.founder} name="hp-founder" value={profile.founderBody ?? ''} onChange={(e) => setProfile({ ...profile, founderBody: e.target.value || null })} />
          <button type="submit">{t.inc.save}</button>
        </form>
      ) : null}
      {rules ? (
        <div className="card">
          <h2>{s.rules}</h2>
          <p>{s.rulesText.replace('{warn}', String(rules.sokuhoWarnDay)).replace('{due}', String(rules.sokuhoDueDay)).replace('{k}', String(rules.kakuhoDays)).replace('{k3}', String(rules.kakuhoDaysMalicious))}</p>
          <p className="hint">{rules.knownDayIsDayOne ? s.dayOne : s.dayAfter}</p>
        </div>
      ) : null}
      <div className="card">
        <h2>{s.authorities}</h2>
        {authorities.map((a, i) => (
          <fieldset key={a.id}>
            <legend>{a.kind}</legend>
            <div className="grid">
              {(['name', 'contact', 'phone', 'url'] as const).map((k) => (
                <Field
                  key={k}
                  label={s.authorityFields[k]}
                  name={`au-${a.id}-${k}`}
                  value={a[k]}
                  onChange={(e) => setAuthorities(authorities.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
                />
              ))}
            </div>
            <button type="button" className="secondary" onClick={() => saveAuthority(a)}>
              {t.inc.save}
            </button>
          </fieldset>
        ))}
      </div>
    </section>
  );
}
