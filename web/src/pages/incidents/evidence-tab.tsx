import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { EvidenceView } from '../../../../src/contracts/incidents.js';
import { api, upload } from '../../api.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';

/** Evidence files (SHA-256, write-once) and their chain of custody. */
export function EvidenceTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const e = t.evidence;
  const [items, setItems] = useState<EvidenceView[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [meta, setMeta] = useState({ description: '', acquiredBy: '', source: '' });
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api<{ evidence: EvidenceView[] }>('GET', `/api/cases/${caseId}/evidence`).then((r) => setItems(r.evidence), setError);
  }, [caseId]);
  useEffect(load, [load]);

  const submitFile = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const qs = new URLSearchParams({ filename: file.name, ...meta });
    // Raw body upload: the server hashes while streaming to disk.
    try {
      await upload(`/api/cases/${caseId}/evidence?${qs.toString()}`, file);
    } catch (error) {
      setError(error);
      return;
    }
    setFile(null);
    setError(null);
    load();
  };

  return (
    <>
      <FormError error={error} />
      {items.map((ev) => (
        <div key={ev.id} className="card" data-testid="evidence-item">
          <p>
            <strong>{ev.filename}</strong>（{ev.size.toLocaleString('ja-JP')} bytes）— {ev.description}
          </p>
          <p className="hint">
            SHA-256: <code>{ev.sha256}</code>
            <br />
            {e.acquired}: {formatJst(ev.acquiredAt)} {ev.acquiredBy} {ev.source}
          </p>
          <ol className="changes">
            {ev.custody.map((c, i) => (
              <li key={i}>
                {formatJst(c.at)} {c.actorName}: {e.actions[c.action] ?? c.action} {c.note}
              </li>
            ))}
          </ol>
          <div className="row">
            <a className="button" href={`/api/cases/${caseId}/evidence/${ev.id}/download`} download>
              {e.download}
            </a>
            {canWrite ? (
              <button type="button" className="secondary" onClick={() => void api('POST', `/api/cases/${caseId}/evidence/${ev.id}/verify`).then(load, setError)}>
                {e.verify}
              </button>
            ) : null}
          </div>
        </div>
      ))}
      {canWrite ? (
        <form className="card" onSubmit={(ev) => void submitFile(ev)}>
          <div className="field">
            <label htmlFor="evidence-file">{e.file}</label>
            <input id="evidence-file" type="file" required onChange={(ev) => setFile(ev.target.files?.[0] ?? null)} />
          </div>
          <div className="grid">
            <Field label={e.description} name="ev-description" value={meta.description} onChange={(ev) => setMeta({ ...meta, description: ev.target.value })} />
            <Field label={e.acquiredBy} name="ev-by" value={meta.acquiredBy} onChange={(ev) => setMeta({ ...meta, acquiredBy: ev.target.value })} />
            <Field label={e.source} name="ev-source" value={meta.source} onChange={(ev) => setMeta({ ...meta, source: ev.target.value })} />
          </div>
          <button type="submit">{e.upload}</button>
        </form>
      ) : null}
    </>
  );
}
