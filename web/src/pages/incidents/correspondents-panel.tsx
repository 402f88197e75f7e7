import { useEffect, useState, type FormEvent } from 'react';
import type { EvidenceView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';

interface ImportSummary {
  addresses: number;
  messages: number;
  created: number;
  merged: number;
  rejected: number;
}

/**
 * The notification list of a compromised mailbox: every outside address it exchanged mail with in
 * a period, from a mailbox in the case's evidence, into the register in one step (then a campaign).
 */
export function CorrespondentsPanel({ caseId, onImported, onError }: { caseId: string; onImported: () => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const c = t.correspondents;
  const [evidence, setEvidence] = useState<EvidenceView[]>([]);
  const [form, setForm] = useState({ evidenceId: '', since: '', until: '' });
  const [result, setResult] = useState<ImportSummary | null>(null);
  useEffect(() => {
    api<{ evidence: EvidenceView[] }>('GET', `/api/cases/${caseId}/evidence`).then((r) => {
      setEvidence(r.evidence);
      setForm((f) => ({ ...f, evidenceId: f.evidenceId || (r.evidence[0]?.id ?? '') }));
    }, onError);
  }, [caseId, onError]);
  if (evidence.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { evidenceId: form.evidenceId, ...(form.since ? { since: form.since } : {}), ...(form.until ? { until: form.until } : {}) };
    api<ImportSummary>('POST', `/api/cases/${caseId}/correspondents/import`, body).then((r) => {
      setResult(r);
      onImported();
    }, onError);
  };
  return (
    <form className="card" onSubmit={submit} data-testid="correspondents-form">
      <h3>{c.title}</h3>
      <p className="hint">{c.help}</p>
      <div className="row">
        <label htmlFor="corr-evidence">{c.mailbox}</label>
        <select id="corr-evidence" value={form.evidenceId} onChange={(ev) => setForm({ ...form, evidenceId: ev.target.value })}>
          {evidence.map((e) => (
            <option key={e.id} value={e.id}>
              {e.filename}
            </option>
          ))}
        </select>
        <label htmlFor="corr-since">{c.since}</label>
        <input id="corr-since" type="date" value={form.since} onChange={(ev) => setForm({ ...form, since: ev.target.value })} />
        <label htmlFor="corr-until">{c.until}</label>
        <input id="corr-until" type="date" value={form.until} onChange={(ev) => setForm({ ...form, until: ev.target.value })} />
        <button type="submit">{c.import}</button>
      </div>
      {result ? (
        <p role="status" data-testid="correspondents-result">
          {c.result.replace('{a}', String(result.addresses)).replace('{m}', String(result.messages)).replace('{c}', String(result.created))}
        </p>
      ) : null}
    </form>
  );
}
