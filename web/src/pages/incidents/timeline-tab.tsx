import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { EvidenceView, TimelineEntryView } from '../../../../src/contracts/incidents.js';
import { api, ApiError } from '../../api.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { useI18n } from '../../i18n.js';

const EMPTY = { date: '', time: '', approximate: false, source: '', category: '', body: '', inPublicNotice: false, inAuthorityReport: false, evidenceIds: [] as string[] };

export function TimelineTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<TimelineEntryView[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [csv, setCsv] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [evidence, setEvidence] = useState<EvidenceView[]>([]);

  const load = useCallback(() => {
    api<{ entries: TimelineEntryView[] }>('GET', `/api/cases/${caseId}/timeline`).then((r) => setEntries(r.entries), setError);
    api<{ evidence: EvidenceView[] }>('GET', `/api/cases/${caseId}/evidence`).then((r) => setEvidence(r.evidence), setError);
  }, [caseId]);
  useEffect(load, [load]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/api/cases/${caseId}/timeline`, { ...form, time: form.time || null });
      setForm(EMPTY);
      setError(null);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const importCsv = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    try {
      const r = await api<{ imported: number }>('POST', `/api/cases/${caseId}/timeline/import`, { csv });
      setMessage(`${r.imported} ${t.inc.imported}`);
      setCsv('');
      setError(null);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const rowErrors = error instanceof ApiError && Array.isArray(error.details?.errors) ? (error.details.errors as Array<{ line: number | null; reason: string }>) : [];

  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.inc.date}</th>
              <th scope="col">{t.inc.time}</th>
              <th scope="col">{t.inc.source}</th>
              <th scope="col">{t.inc.body}</th>
              <th scope="col">{t.inc.inPublicNotice}</th>
              <th scope="col">{t.inc.tabs.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{e.date}</td>
                <td className="nowrap">{e.time ? `${e.time}${e.approximate ? ' 頃' : ''}` : ''}</td>
                <td>{e.source}</td>
                <td>{e.body}</td>
                <td>{e.inPublicNotice ? '○' : ''}</td>
                <td>
                  {e.evidenceIds.map((id) => (
                    <a key={id} href={`/api/cases/${caseId}/evidence/${id}/download`} download>
                      {evidence.find((x) => x.id === id)?.filename ?? id.slice(0, 8)}{' '}
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a className="button" href={`/api/cases/${caseId}/timeline/export.csv`} download>
          {t.inc.exportCsv}
        </a>{' '}
        <a className="button" href={`/api/cases/${caseId}/timeline/export.csv?encoding=sjis`} download>
          CSV (Shift_JIS)
        </a>{' '}
        <a className="button" href={`/api/cases/${caseId}/timeline/export.xlsx`} download>
          Excel (xlsx)
        </a>
      </p>
      <FormError error={error} />
      {rowErrors.length > 0 ? (
        <ul className="error" data-testid="row-errors">
          {rowErrors.map((r, i) => (
            <li key={i}>
              {r.line ?? '?'}行目: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <>
          <form className="card" onSubmit={(e) => void add(e)}>
            <div className="grid">
              <Field label={t.inc.date} name="tl-date" type="date" required value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
              <Field label={t.inc.time} name="tl-time" type="time" value={form.time} onChange={(e) => setForm({ ...form, time: e.target.value })} />
              <Field label={t.inc.source} name="tl-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="tl-body">{t.inc.body}</label>
              <textarea id="tl-body" rows={2} required value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
            </div>
            {evidence.length > 0 ? (
              <fieldset>
                <legend>{t.inc.tabs.evidence}</legend>
                {evidence.map((x) => (
                  <label key={x.id}>
                    <input
                      type="checkbox"
                      checked={form.evidenceIds.includes(x.id)}
                      onChange={(ev) => setForm({ ...form, evidenceIds: ev.target.checked ? [...form.evidenceIds, x.id] : form.evidenceIds.filter((i) => i !== x.id) })}
                    />{' '}
                    {x.filename}
                  </label>
                ))}
              </fieldset>
            ) : null}
            <div className="row">
              <label>
                <input type="checkbox" checked={form.approximate} onChange={(e) => setForm({ ...form, approximate: e.target.checked })} /> {t.inc.approximate}
              </label>
              <label>
                <input type="checkbox" checked={form.inPublicNotice} onChange={(e) => setForm({ ...form, inPublicNotice: e.target.checked })} /> {t.inc.inPublicNotice}
              </label>
              <label>
                <input type="checkbox" checked={form.inAuthorityReport} onChange={(e) => setForm({ ...form, inAuthorityReport: e.target.checked })} /> {t.inc.inAuthorityReport}
              </label>
            </div>
            <button type="submit">{t.inc.add}</button>
          </form>
          <form className="card" onSubmit={(e) => void importCsv(e)}>
            <div className="field">
              <label htmlFor="tl-csv">{t.inc.importCsv}</label>
              <textarea id="tl-csv" rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} aria-describedby="tl-csv-hint" />
              <small id="tl-csv-hint" className="hint">
                {t.inc.importHelp}
              </small>
              <input
                type="file"
                accept=".csv,text/csv"
                aria-label={`${t.inc.importCsv} (file)`}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void file.text().then(setCsv);
                }}
              />
            </div>
            {message ? <p role="status">{message}</p> : null}
            <button type="submit">{t.inc.importCsv}</button>
          </form>
        </>
      ) : null}
    </>
  );
}
