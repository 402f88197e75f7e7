import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { LogRunView, TakeoverAlertDetailView, TakeoverAlertView } from '../../../src/contracts/incidents.js';
import { api, upload } from '../api.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';

const POLL_MS = 1000;

function badge(severity: string): string {
  return `badge verdict-${severity === '危険' ? 'danger' : 'caution'}`;
}

/** アカウント乗っ取り: upload mail-server / M365 logs, analyse them, review alerts, escalate one into a case. */
export function MailTakeoverPanel({ canReview, navigate }: { canReview: boolean; navigate: (path: string) => void }) {
  const { t } = useI18n();
  const k = t.takeover;
  const [run, setRun] = useState<LogRunView | null>(null);
  const [alerts, setAlerts] = useState<TakeoverAlertView[]>([]);
  const [severity, setSeverity] = useState('');
  const [detail, setDetail] = useState<TakeoverAlertDetailView | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);

  const loadAlerts = useCallback((runId: string) => {
    const qs = new URLSearchParams({ runId, limit: '500', ...(severity ? { severity } : {}) });
    api<{ alerts: TakeoverAlertView[] }>('GET', `/api/mail/takeover-alerts?${qs.toString()}`).then((r) => setAlerts(r.alerts), setError);
  }, [severity]);

  // The latest analysis, with its files.
  useEffect(() => {
    api<{ runs: LogRunView[] }>('GET', '/api/mail/log-runs').then((r) => {
      const latest = r.runs[0];
      if (latest) api<LogRunView>('GET', `/api/mail/log-runs/${latest.id}`).then(setRun, setError);
    }, setError);
  }, []);
  useEffect(() => {
    if (run?.state === 'succeeded') loadAlerts(run.id);
  }, [run?.id, run?.state, loadAlerts]);
  // Poll while the job runs.
  useEffect(() => {
    if (!run || (run.state !== 'queued' && run.state !== 'running')) return;
    const timer = setTimeout(() => {
      api<LogRunView>('GET', `/api/mail/log-runs/${run.id}`).then(setRun, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('takeover-files') as HTMLInputElement | null;
    const files = [...(input?.files ?? [])];
    if (files.length === 0) return;
    try {
      setBusy(k.uploading.replace('{n}', String(files.length)));
      setDetail(null);
      setAlerts([]);
      const created = await api<LogRunView>('POST', '/api/mail/log-runs');
      for (const f of files) await upload(`/api/mail/log-runs/${created.id}/files?filename=${encodeURIComponent(f.name)}`, f, 'text/plain');
      setRun(await api<LogRunView>('POST', `/api/mail/log-runs/${created.id}/analyze`));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };

  const open = (id: string) => {
    api<TakeoverAlertDetailView>('GET', `/api/mail/takeover-alerts/${id}`).then(setDetail, setError);
  };
  const review = (id: string, state: string) => {
    api<TakeoverAlertView>('PATCH', `/api/mail/takeover-alerts/${id}`, { state }).then((a) => {
      if (detail) setDetail({ ...detail, alert: a });
      if (run) loadAlerts(run.id);
    }, setError);
  };
  const escalate = (id: string) => {
    api<{ caseId: string }>('POST', `/api/mail/takeover-alerts/${id}/escalate`, { caseId: null }).then((r) => navigate(`/incidents/${r.caseId}`), setError);
  };

  const events = run?.events;
  return (
    <div data-testid="takeover-panel">
      <p className="hint">{k.intro}</p>
      <FormError error={error} />
      {canReview ? (
        <form className="card" onSubmit={(ev) => void submit(ev)}>
          <label htmlFor="takeover-files">{k.files}</label>
          <input id="takeover-files" name="takeover-files" type="file" multiple />
          <button type="submit" disabled={busy !== ''}>
            {k.analyze}
          </button>
        </form>
      ) : null}
      {busy ? <p role="status">{busy}</p> : null}
      {run ? (
        <div className="card" data-testid="takeover-run">
          {run.state === 'queued' || run.state === 'running' ? <p role="status">{k.running}</p> : null}
          {run.state === 'failed' ? <p role="alert">{k.failed}</p> : null}
          {run.state === 'succeeded' && events ? (
            <p role="status" data-testid="takeover-summary">
              {k.runSummary
                .replace('{accounts}', String(run.accounts ?? 0))
                .replace('{logins}', events.logins.toLocaleString('ja-JP'))
                .replace('{sends}', events.sends.toLocaleString('ja-JP'))
                .replace('{forwards}', events.forwards.toLocaleString('ja-JP'))
                .replace('{from}', formatJst(run.dataStart))
                .replace('{to}', formatJst(run.dataEnd))
                .replace('{alerts}', String(run.alerts ?? 0))}
            </p>
          ) : null}
          <table>
            <thead>
              <tr>
                <th>{k.file}</th>
                <th>{k.format}</th>
                <th>{k.lines}</th>
                <th>{k.rejected}</th>
              </tr>
            </thead>
            <tbody>
              {run.files.map((f) => (
                <tr key={f.id}>
                  <td>{f.name}</td>
                  <td>{f.formatLabel}</td>
                  <td className="num">{f.lines?.toLocaleString('ja-JP') ?? '—'}</td>
                  <td className="num" title={f.rejects.map((r) => `${r.line}: ${r.reason}`).join('\n')}>
                    {f.rejected ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {run?.state === 'succeeded' ? (
        <>
          <div className="row">
            <label htmlFor="takeover-severity">{k.severity}</label>
            <select id="takeover-severity" value={severity} onChange={(ev) => setSeverity(ev.target.value)}>
              <option value="">{k.all}</option>
              <option value="危険">危険</option>
              <option value="注意">注意</option>
            </select>
          </div>
          <div className="table-wrap">
            <table data-testid="takeover-list">
              <thead>
                <tr>
                  <th>{k.severity}</th>
                  <th>{k.score}</th>
                  <th>{k.account}</th>
                  <th>{k.window}</th>
                  <th>{k.reasons}</th>
                  <th>{k.state}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((a) => (
                  <tr key={a.id} data-severity={a.severity}>
                    <td>
                      <span className={badge(a.severity)}>{a.severity}</span>
                    </td>
                    <td className="num">{a.score}</td>
                    <td>
                      <button type="button" className="link" onClick={() => open(a.id)}>
                        {a.account}
                      </button>
                    </td>
                    <td>
                      {formatJst(a.windowStart)} 〜 {formatJst(a.windowEnd)}
                    </td>
                    <td>{a.findings.slice(0, 2).map((f) => f.text).join(' ／ ')}</td>
                    <td className="nowrap">{a.stateLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {detail ? (
        <div className="card" data-testid="takeover-detail" role="region" aria-label={detail.alert.account}>
          <h2>
            <span className={badge(detail.alert.severity)}>{detail.alert.severity}</span> {detail.alert.account}（{k.score} {detail.alert.score}）
          </h2>
          <p>
            {k.window}: {formatJst(detail.alert.windowStart)} 〜 {formatJst(detail.alert.windowEnd)}
          </p>
          <ul data-testid="takeover-findings">
            {detail.alert.findings.map((f) => (
              <li key={`${f.code}-${f.first}`} data-code={f.code}>
                {f.text}（+{f.weight}）
              </li>
            ))}
          </ul>
          {detail.alert.suspectIps.length ? (
            <p>
              {k.sources}: {detail.alert.suspectIps.map((s) => s.label).join('、')}
            </p>
          ) : null}
          <p>{k.sent.replace('{n}', String(detail.alert.sentInWindow)).replace('{r}', String(detail.alert.externalRecipients))}</p>
          <h3>{k.evidence}</h3>
          <div className="table-wrap">
            <table data-testid="takeover-evidence">
              <thead>
                <tr>
                  <th>{k.at}</th>
                  <th>{k.line}</th>
                  <th>{k.reasons}</th>
                  <th>{k.raw}</th>
                </tr>
              </thead>
              <tbody>
                {detail.evidence.map((e) => (
                  <tr key={`${e.file}:${e.line}:${e.text}`}>
                    <td>{formatJst(e.at)}</td>
                    <td>
                      {e.file}:{e.line}
                    </td>
                    <td>{e.text}</td>
                    <td className="wrap">
                      <code>{e.raw}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            {k.state}: {detail.alert.stateLabel}
          </p>
          {canReview ? (
            <div className="row">
              {detail.alert.caseId ? (
                <button type="button" onClick={() => navigate(`/incidents/${detail.alert.caseId ?? ''}`)}>
                  {k.openCase}
                </button>
              ) : (
                <button type="button" onClick={() => escalate(detail.alert.id)}>
                  {k.escalate}
                </button>
              )}
              <button type="button" className="secondary" onClick={() => review(detail.alert.id, 'investigating')}>
                {k.investigate}
              </button>
              <button type="button" className="secondary" onClick={() => review(detail.alert.id, 'false_positive')}>
                {k.falsePositive}
              </button>
              <button type="button" className="secondary" onClick={() => setDetail(null)}>
                {k.close}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
