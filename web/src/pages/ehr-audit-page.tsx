import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { EhrAccessView, EhrAlertDetailView, EhrAlertView } from '../../../src/contracts/incidents.js';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';
import { EhrAccessTable } from './ehr-access-table.js';
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
  const [detail, setDetail] = useState<EhrAlertDetailView | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  // The queue can be long: bring an opened alert into view.
  // A block body: newer Chromium returns a Promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    void detailRef.current?.scrollIntoView({ block: 'start' });
  }, [detail?.alert.id]);
  const [month, setMonth] = useState(() => new Date(Date.now() + 9 * 3_600_000 - 86_400_000 * 28).toISOString().slice(0, 7));

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
  const open = (id: string) => {
    api<EhrAlertDetailView>('GET', `/api/ehr/alerts/${id}`).then(setDetail, setError);
  };
  const review = (id: string, next: string) => {
    api<EhrAlertView>('PATCH', `/api/ehr/alerts/${id}`, { state: next }).then((a) => {
      if (detail?.alert.id === id) setDetail({ ...detail, alert: a });
      load();
    }, setError);
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
      {detail ? (
        <div className="card" data-testid="ehr-alert-detail" ref={detailRef}>
          <h3>
            {detail.alert.ruleLabel}（{e.score} {detail.alert.score}）
          </h3>
          <p>{detail.alert.reason}</p>
          <p>
            {e.user} {detail.alert.userId} ／ {e.patient} {detail.alert.patientId ?? '—'} ／ {formatJst(detail.alert.firstAt)} – {formatJst(detail.alert.lastAt)} ／ {e.state}: <strong data-testid="ehr-alert-state">{detail.alert.stateLabel}</strong>
          </p>
          {canReview ? (
            <div className="row">
              {(['investigating', 'justified', 'inappropriate'] as const).map((s) => (
                <button key={s} type="button" className="secondary" disabled={detail.alert.state === s} onClick={() => review(detail.alert.id, s)}>
                  {e.mark.replace('{state}', e.states[s] ?? s)}
                </button>
              ))}
              {detail.alert.caseId ? (
                <a href={`/incidents/${detail.alert.caseId}`} onClick={(ev) => { ev.preventDefault(); navigate(`/incidents/${detail.alert.caseId ?? ''}`); }}>
                  {e.openCase}
                </a>
              ) : (
                <button type="button" onClick={() => escalate(detail.alert.id)}>
                  {e.escalate}
                </button>
              )}
            </div>
          ) : null}
          <h4>{e.evidence}</h4>
          <EhrAccessTable rows={detail.accesses} onSession={replay} testId="ehr-alert-accesses" />
        </div>
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
                <td>
                  <button type="button" className="link" onClick={() => open(a.id)}>
                    {a.reason}
                  </button>
                </td>
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
      <h2>{e.report}</h2>
      <div className="card row">
        <Field label={e.month} name="ehr-month" type="month" value={month} onChange={(ev) => setMonth(ev.target.value)} />
        <a className="button" href={`/api/ehr/reports/${month}?format=html`} target="_blank" rel="noreferrer">
          {e.reportHtml}
        </a>
        <a className="button" href={`/api/ehr/reports/${month}?format=docx`} download>
          {e.reportDocx}
        </a>
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
          <EhrAccessTable rows={accesses.rows} onSession={replay} testId="ehr-accesses" />
        </>
      ) : null}
    </section>
  );
}
