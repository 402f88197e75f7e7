import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { EhrAccessView, EhrAlertView } from '../../../src/contracts/incidents.js';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';
import { EhrImportPanel } from './ehr-import-panel.js';

interface RunSummary {
  events: number;
  patient_accesses: number;
  explained: number;
  alerts: number;
  skipped_rules: Array<{ rule: string; missing: string[] }>;
}

const STATES = ['open', 'investigating', 'justified', 'inappropriate'] as const;

/** 電子カルテ監査: run an audit over the imported log, review alerts, escalate, look up a patient's accesses. */
export function EhrAuditPage({ canReview, navigate }: { canReview: boolean; navigate: (path: string) => void }) {
  const { t } = useI18n();
  const e = t.ehr;
  const [alerts, setAlerts] = useState<EhrAlertView[]>([]);
  const [state, setState] = useState<string>('open');
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [patientId, setPatientId] = useState('');
  const [accesses, setAccesses] = useState<{ title: string; rows: EhrAccessView[] } | null>(null);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<{ alerts: EhrAlertView[] }>('GET', `/api/ehr/alerts?limit=200${state ? `&state=${state}` : ''}`).then((r) => setAlerts(r.alerts), setError);
  }, [state]);
  useEffect(load, [load]);

  const run = (event: FormEvent) => {
    event.preventDefault();
    const body = { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };
    api<RunSummary>('POST', '/api/ehr/audit', body).then((s) => {
      setSummary(s);
      setError(null);
      load();
    }, setError);
  };
  const review = (id: string, next: string) => {
    api('PATCH', `/api/ehr/alerts/${id}`, { state: next }).then(load, setError);
  };
  const escalate = (id: string) => {
    api<{ caseId: string }>('POST', `/api/ehr/alerts/${id}/escalate`).then((r) => navigate(`/incidents/${r.caseId}`), setError);
  };
  const lookup = (event: FormEvent) => {
    event.preventDefault();
    api<{ accesses: EhrAccessView[] }>('GET', `/api/ehr/patients/${encodeURIComponent(patientId.trim())}/accesses`).then((r) => setAccesses({ title: `${e.patient} ${patientId.trim()}`, rows: r.accesses }), setError);
  };
  const lookupUser = (event: FormEvent) => {
    event.preventDefault();
    const qs = new URLSearchParams({ ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) });
    api<{ accesses: EhrAccessView[] }>('GET', `/api/ehr/users/${encodeURIComponent(userId.trim())}/activity?${qs.toString()}`).then((r) => setAccesses({ title: `${e.user} ${userId.trim()}`, rows: r.accesses }), setError);
  };
  const replay = (sessionId: string) => {
    api<{ accesses: EhrAccessView[] }>('GET', `/api/ehr/sessions/${encodeURIComponent(sessionId)}`).then((r) => setAccesses({ title: `${e.session} ${sessionId}`, rows: r.accesses }), setError);
  };

  return (
    <section aria-labelledby="ehr-title">
      <h1 id="ehr-title">{t.ehrAudit}</h1>
      <p className="hint">{e.intro}</p>
      <FormError error={error} />
      <EhrImportPanel canReview={canReview} onImported={load} />
      <h2>{e.auditTitle}</h2>
      {canReview ? (
        <form className="card row" onSubmit={run}>
          <Field label={e.from} name="ehr-from" type="date" value={period.from} onChange={(ev) => setPeriod({ ...period, from: ev.target.value })} />
          <Field label={e.to} name="ehr-to" type="date" value={period.to} onChange={(ev) => setPeriod({ ...period, to: ev.target.value })} />
          <button type="submit">{e.run}</button>
        </form>
      ) : null}
      {summary ? (
        <p role="status" data-testid="ehr-summary">
          {e.summary
            .replace('{events}', summary.events.toLocaleString('ja-JP'))
            .replace('{accesses}', summary.patient_accesses.toLocaleString('ja-JP'))
            .replace('{pct}', summary.patient_accesses ? ((100 * summary.explained) / summary.patient_accesses).toFixed(1) : '0')
            .replace('{alerts}', summary.alerts.toLocaleString('ja-JP'))}
          {summary.skipped_rules.length ? ` ${e.skipped}: ${summary.skipped_rules.map((r) => `${r.rule}（${r.missing.join('、')}）`).join('、')}` : ''}
        </p>
      ) : null}
      <div className="row">
        <label htmlFor="ehr-state">{e.state}</label>
        <select id="ehr-state" value={state} onChange={(ev) => setState(ev.target.value)}>
          <option value="">{e.all}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {e.states[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="table-wrap">
        <table data-testid="ehr-alerts">
          <thead>
            <tr>
              <th>{e.score}</th>
              <th>{e.rule}</th>
              <th>{e.user}</th>
              <th>{e.patient}</th>
              <th>{e.when}</th>
              <th>{e.reason}</th>
              <th>{e.state}</th>
              {canReview ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} data-rule={a.rule}>
                <td className="num">{a.score}</td>
                <td>{a.ruleLabel}</td>
                <td>{a.userId}</td>
                <td>{a.patientId ?? '—'}</td>
                <td>{formatJst(a.firstAt)}</td>
                <td>{a.reason}</td>
                <td>{a.stateLabel}</td>
                {canReview ? (
                  <td className="row">
                    {a.state !== 'investigating' ? (
                      <button type="button" className="secondary" onClick={() => review(a.id, 'investigating')}>
                        {e.states.investigating}
                      </button>
                    ) : null}
                    <button type="button" className="secondary" onClick={() => review(a.id, 'justified')}>
                      {e.states.justified}
                    </button>
                    {a.caseId ? (
                      <a href={`/incidents/${a.caseId}`} onClick={(ev) => { ev.preventDefault(); navigate(`/incidents/${a.caseId ?? ''}`); }}>
                        {e.openCase}
                      </a>
                    ) : (
                      <button type="button" onClick={() => escalate(a.id)}>
                        {e.escalate}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{e.whoViewed}</h2>
      <form className="card row" onSubmit={lookup}>
        <Field label={e.patient} name="ehr-patient" value={patientId} onChange={(ev) => setPatientId(ev.target.value)} />
        <button type="submit">{e.lookup}</button>
      </form>
      <form className="card row" onSubmit={lookupUser}>
        <Field label={e.user} name="ehr-user" value={userId} onChange={(ev) => setUserId(ev.target.value)} />
        <button type="submit">{e.activity}</button>
      </form>
      {accesses ? (
        <>
          <h3 data-testid="ehr-accesses-title">{accesses.title}</h3>
          <table data-testid="ehr-accesses">
            <thead>
              <tr>
                <th>{e.when}</th>
                <th>{e.user}</th>
                <th>{e.patient}</th>
                <th>{e.action}</th>
                <th>{e.session}</th>
                <th>{e.explanation}</th>
              </tr>
            </thead>
            <tbody>
              {accesses.rows.map((x) => (
                <tr key={x.eventId}>
                  <td>{formatJst(x.at)}</td>
                  <td>
                    {x.userName}（{x.department}）
                  </td>
                  <td>{x.patientId ?? '—'}</td>
                  <td>
                    {x.action}/{x.screen}
                  </td>
                  <td>
                    {x.sessionId ? (
                      <button type="button" className="link" onClick={() => replay(x.sessionId)}>
                        {x.sessionId}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {x.patientId ? (x.explanation ?? e.unexplained) : ''}
                    {x.relation ? ` ［${x.relation}］` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
