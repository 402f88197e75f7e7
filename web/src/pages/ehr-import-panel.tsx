import { useEffect, useState, type FormEvent } from 'react';
import type { EhrImportView } from '../../../src/contracts/incidents.js';
import { api, upload } from '../api.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';

const POLL_MS = 1000;

/** 取り込み: upload an EHR export (the folder's CSV files), import it in the background with progress, list earlier imports. */
export function EhrImportPanel({ canReview, onImported }: { canReview: boolean; onImported: () => void }) {
  const { t } = useI18n();
  const k = t.ehrImport;
  const [imports, setImports] = useState<EhrImportView[]>([]);
  const [current, setCurrent] = useState<EhrImportView | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<{ imports: EhrImportView[] }>('GET', '/api/ehr/imports').then((r) => {
      setImports(r.imports);
      const latest = r.imports[0];
      if (latest && (latest.state === 'queued' || latest.state === 'running')) setCurrent(latest);
    }, setError);
  }, []);
  // Poll while the job runs; tell the page when it is done.
  useEffect(() => {
    if (!current || (current.state !== 'queued' && current.state !== 'running')) return;
    const timer = setTimeout(() => {
      api<EhrImportView>('GET', `/api/ehr/imports/${current.id}`).then((next) => {
        setCurrent(next);
        if (next.state === 'succeeded') {
          onImported();
          api<{ imports: EhrImportView[] }>('GET', '/api/ehr/imports').then((r) => setImports(r.imports), setError);
        }
      }, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [current, onImported]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('ehr-import-files') as HTMLInputElement | null;
    const files = [...(input?.files ?? [])];
    if (files.length === 0) return;
    try {
      const created = await api<EhrImportView>('POST', '/api/ehr/imports');
      for (const [n, f] of files.entries()) {
        setBusy(k.uploading.replace('{n}', String(n + 1)).replace('{total}', String(files.length)).replace('{name}', f.name));
        await upload(`/api/ehr/imports/${created.id}/files?filename=${encodeURIComponent(f.name)}`, f, 'text/csv');
      }
      setCurrent(await api<EhrImportView>('POST', `/api/ehr/imports/${created.id}/start`));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };

  const pct = current?.progress && current.progress.total > 0 ? Math.min(100, Math.round((100 * current.progress.done) / current.progress.total)) : null;
  return (
    <div data-testid="ehr-import">
      <h2>{k.title}</h2>
      <p className="hint">{k.intro}</p>
      <FormError error={error} />
      {canReview ? (
        <form className="card" onSubmit={(ev) => void submit(ev)}>
          <label htmlFor="ehr-import-files">{k.files}</label>
          <input id="ehr-import-files" name="ehr-import-files" type="file" multiple accept=".csv,.ndjson,.json" />
          <button type="submit" disabled={busy !== ''}>
            {k.start}
          </button>
        </form>
      ) : null}
      {busy ? <p role="status">{busy}</p> : null}
      {current ? (
        <div className="card" data-testid="ehr-import-current">
          <p role="status">
            {k.states[current.state]}
            {pct !== null && current.state !== 'succeeded' ? ` ${pct}%` : ''}
          </p>
          {pct !== null && current.state !== 'succeeded' && current.state !== 'failed' ? <progress max={100} value={pct} aria-label={k.progress} /> : null}
          {current.error ? <p role="alert">{current.error}</p> : null}
          {current.result ? (
            <>
              <p data-testid="ehr-import-result">
                {k.result
                  .replace('{seen}', current.result.eventsSeen.toLocaleString('ja-JP'))
                  .replace('{new}', current.result.eventsNew.toLocaleString('ja-JP'))
                  .replace('{rejected}', current.result.rejected.toLocaleString('ja-JP'))}
              </p>
              {current.result.rejects.length ? (
                <table data-testid="ehr-import-rejects">
                  <thead>
                    <tr>
                      <th>{k.file}</th>
                      <th>{k.line}</th>
                      <th>{k.reason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.result.rejects.map((r) => (
                      <tr key={`${r.file}:${r.line}`}>
                        <td>{r.file}</td>
                        <td className="num">{r.line}</td>
                        <td>{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
      {imports.length ? (
        <details>
          <summary>{k.history}</summary>
          <table>
            <thead>
              <tr>
                <th>{k.when}</th>
                <th>{k.by}</th>
                <th>{k.stateLabel}</th>
                <th>{k.events}</th>
                <th>{k.rejectedLabel}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td>{formatJst(i.at)}</td>
                  <td>{i.source === 'cli' ? 'CLI' : (i.createdBy ?? '')}</td>
                  <td>{k.states[i.state]}</td>
                  <td className="num">{i.result ? `${i.result.eventsNew.toLocaleString('ja-JP')} / ${i.result.eventsSeen.toLocaleString('ja-JP')}` : '—'}</td>
                  <td className="num">{i.result?.rejected ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
