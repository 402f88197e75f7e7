import { useEffect, useState, type FormEvent } from 'react';
import type { CaseSummaryView, CaseView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';
import { StateBadge } from './state-badge.js';

const TYPES = ['ransomware', 'unauthorized_access', 'mailbox_takeover', 'spoofed_mail_malware', 'insider_misuse', 'loss_missend', 'other'];

export function CaseListPage({ canWrite, navigate }: { canWrite: boolean; navigate: (path: string) => void }) {
  const { t } = useI18n();
  const [cases, setCases] = useState<CaseSummaryView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ title: '', type: 'ransomware', severity: 'high', knownAt: '' });

  useEffect(() => {
    api<{ cases: CaseSummaryView[] }>('GET', '/api/cases').then((r) => setCases(r.cases), setError);
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      // datetime-local has no zone: the hospital works in JST.
      const created = await api<CaseView>('POST', '/api/cases', { ...form, knownAt: `${form.knownAt}:00+09:00` });
      navigate(`/incidents/${created.id}`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t.incidents}</h1>
      <FormError error={error} />
      {cases && cases.length === 0 ? <p>{t.inc.noCases}</p> : null}
      {cases && cases.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.inc.number}</th>
                <th scope="col">{t.inc.title}</th>
                <th scope="col">{t.inc.type}</th>
                <th scope="col">{t.inc.phase}</th>
                <th scope="col">{t.inc.knownAt}</th>
                <th scope="col">{t.inc.nextDeadline}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} data-testid={`case-row-${c.number}`}>
                  <td className="nowrap">{c.number}</td>
                  <td>
                    <a
                      href={`/incidents/${c.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/incidents/${c.id}`);
                      }}
                    >
                      {c.title}
                    </a>
                  </td>
                  <td>{t.inc.caseTypes[c.type] ?? c.type}</td>
                  <td>{t.inc.phases[c.phase] ?? c.phase}</td>
                  <td className="nowrap">{formatJst(c.knownAt)}</td>
                  <td>
                    {c.nextObligation ? (
                      <>
                        <StateBadge state={c.nextObligation.state} /> {c.nextObligation.dueDate} {c.nextObligation.label}
                        {c.overdue > 0 ? ` (${t.inc.overdue} ${c.overdue})` : ''}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canWrite ? (
        <form className="card" onSubmit={(e) => void create(e)} aria-labelledby="new-case-title">
          <h2 id="new-case-title">{t.inc.newCase}</h2>
          <div className="grid">
            <Field label={t.inc.title} name="title" required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            <div className="field">
              <label htmlFor="case-type">{t.inc.type}</label>
              <select id="case-type" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
                {TYPES.map((k) => (
                  <option key={k} value={k}>
                    {t.inc.caseTypes[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="case-severity">{t.inc.severity}</label>
              <select id="case-severity" value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })}>
                {['low', 'medium', 'high', 'critical'].map((k) => (
                  <option key={k} value={k}>
                    {t.inc.severities[k]}
                  </option>
                ))}
              </select>
            </div>
            <Field label={t.inc.knownAt} name="knownAt" type="datetime-local" hint={t.inc.knownAtHint} required value={form.knownAt} onChange={(e) => setForm({ ...form, knownAt: e.target.value })} />
          </div>
          <button type="submit">{t.inc.newCase}</button>
        </form>
      ) : null}
    </section>
  );
}
