import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { HotlineCallView, HotlineLookupView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';

/** 問い合わせ窓口: "am I affected?" lookup and the call log. */
export function HotlinePanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const p = t.people;
  const [q, setQ] = useState({ name: '', birthDate: '', patientId: '', topic: '' });
  const [result, setResult] = useState<HotlineLookupView | null>(null);
  const [log, setLog] = useState<{ calls: HotlineCallView[]; total: number; inRegister: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api<{ calls: HotlineCallView[]; total: number; inRegister: number }>('GET', `/api/cases/${caseId}/hotline/calls`).then(setLog, setError);
  }, [caseId]);
  useEffect(load, [load]);
  const ident = () => ({ ...(q.patientId ? { patientId: q.patientId } : {}), ...(q.name ? { name: q.name } : {}), ...(q.birthDate ? { birthDate: q.birthDate } : {}) });
  const lookup = (ev: FormEvent) => {
    ev.preventDefault();
    api<HotlineLookupView>('POST', `/api/cases/${caseId}/hotline/lookup`, ident()).then((r) => {
      setResult(r);
      setError(null);
    }, setError);
  };
  return (
    <section className="card" aria-labelledby="hotline-title">
      <h2 id="hotline-title">{p.hotline}</h2>
      <FormError error={error} />
      <form onSubmit={lookup}>
        <div className="grid">
          <Field label={p.patientId} name="hl-pid" value={q.patientId} onChange={(e) => setQ({ ...q, patientId: e.target.value })} />
          <Field label={p.name} name="hl-name" value={q.name} onChange={(e) => setQ({ ...q, name: e.target.value })} />
          <Field label={p.birthDate} name="hl-birth" placeholder="1970-03-02 / S45.3.2" value={q.birthDate} onChange={(e) => setQ({ ...q, birthDate: e.target.value })} />
          <Field label={p.topic} name="hl-topic" value={q.topic} onChange={(e) => setQ({ ...q, topic: e.target.value })} />
        </div>
        <div className="row">
          <button type="submit">{p.lookup}</button>
          {canWrite ? (
            <button
              type="button"
              className="secondary"
              disabled={!q.topic}
              onClick={() => void api('POST', `/api/cases/${caseId}/hotline/calls`, { topic: q.topic, ...ident() }).then(load, setError)}
            >
              {p.logCall}
            </button>
          ) : null}
        </div>
      </form>
      {result ? (
        <p role="status" data-testid="lookup-result">
          {result.found ? `${p.found}: ${result.items.map((i) => t.inc.dataItems[i] ?? i).join('、')}` : p.notFound}
        </p>
      ) : null}
      {log ? (
        <details>
          <summary>
            {p.calls}: {log.total}（{p.inRegister} {log.inRegister}）
          </summary>
          <ul>
            {log.calls.map((c) => (
              <li key={c.id}>
                {formatJst(c.at)} {c.topic} {c.inRegister ? `（${p.found}）` : ''} — {c.takenBy}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
