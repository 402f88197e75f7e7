import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AuditEntryView, AuditPage as AuditPageData, JobView } from '../../../src/contracts/api.js';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';

interface Filter {
  actor: string;
  action: string;
  from: string;
  to: string;
}

function queryString(filter: Filter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

export function AuditPage({ canExport, canVerify }: { canExport: boolean; canVerify: boolean }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>({ actor: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [job, setJob] = useState<JobView | null>(null);

  const load = useCallback(
    (before?: number) => {
      const qs = queryString(filter, before ? { beforeSeq: String(before) } : {});
      api<AuditPageData>('GET', `/api/audit?${qs}`).then((page) => {
        setEntries((prev) => (before ? [...prev, ...page.entries] : page.entries));
        setNext(page.nextBeforeSeq);
        setError(null);
      }, setError);
    },
    [filter],
  );
  // Initial load only; later loads follow explicit searches, not every keystroke in the filter.
  useEffect(() => {
    load();
  }, []);

  useEffect(() => {
    if (!job || job.state === 'succeeded' || job.state === 'failed' || job.state === 'skipped') return;
    const timer = setTimeout(() => {
      api<JobView>('GET', `/api/jobs/${job.id}`).then(setJob, setError);
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    load();
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t.audit}</h1>
      <form className="filters" onSubmit={search} aria-label={t.filter}>
        <Field label={t.actor} name="actor" value={filter.actor} onChange={(e) => setFilter({ ...filter, actor: e.target.value })} />
        <Field label={t.action} name="action" value={filter.action} onChange={(e) => setFilter({ ...filter, action: e.target.value })} />
        <Field label={t.from} name="from" type="date" value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} />
        <Field label={t.to} name="to" type="date" value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} />
        <button type="submit">{t.search}</button>
      </form>
      <div className="toolbar">
        {canExport ? (
          <>
            <a className="button" href={`/api/audit/export.csv?${queryString(filter)}`} download>
              {t.exportCsv}
            </a>
            <a className="button" href={`/api/audit/export.csv?${queryString(filter, { encoding: 'sjis' })}`} download>
              {t.exportSjis}
            </a>
          </>
        ) : null}
        {canVerify ? (
          <button type="button" onClick={() => void api<JobView>('POST', '/api/audit/verify').then(setJob, setError)}>
            {t.verifyChain}
          </button>
        ) : null}
        {job ? (
          <span role="status" data-testid="verify-status">
            {job.state} {job.progressTotal ? `${job.progressDone}/${job.progressTotal}` : ''} {job.summary ?? ''}
          </span>
        ) : null}
      </div>
      <FormError error={error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t.at}</th>
              <th scope="col">{t.actor}</th>
              <th scope="col">{t.action}</th>
              <th scope="col">{t.target}</th>
              <th scope="col">{t.result}</th>
              <th scope="col">IP</th>
              <th scope="col">{t.detail}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} className={e.outcome === 'success' ? '' : 'row-warn'}>
                <td>{e.seq}</td>
                <td className="nowrap">{formatJst(e.at)}</td>
                <td>{e.actorName}</td>
                <td>
                  {t.auditActions[e.action] ?? e.action}
                  <br />
                  <code className="code">{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : ''}</td>
                <td>{t.outcomes[e.outcome]}</td>
                <td>{e.ip ?? ''}</td>
                <td className="detail">{JSON.stringify(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <button type="button" onClick={() => load(next)}>
          {t.more}
        </button>
      ) : null}
    </section>
  );
}
