import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ContainmentView, SystemView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';

const ACTIONS = ['ネットワーク遮断', 'VPN停止', 'アカウント無効化', 'パスワード変更', 'IP遮断', 'バックアップ系遮断', 'その他'];

/** Affected systems (台数, compromise status) and containment actions. */
export function SystemsPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const s = t.systems;
  const [systems, setSystems] = useState<SystemView[]>([]);
  const [containment, setContainment] = useState<ContainmentView[]>([]);
  const [form, setForm] = useState({ name: '', quantity: '1', remoteMaintenance: false });
  const [action, setAction] = useState({ type: ACTIONS[0] ?? '', at: '', systemId: '', note: '' });
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api<{ systems: SystemView[]; containment: ContainmentView[] }>('GET', `/api/cases/${caseId}/systems`).then((r) => {
      setSystems(r.systems);
      setContainment(r.containment);
    }, setError);
  }, [caseId]);
  useEffect(load, [load]);
  const run = (fn: () => Promise<unknown>) => fn().then(() => {
    setError(null);
    load();
  }, setError);

  const addSystem = (ev: FormEvent) => {
    ev.preventDefault();
    void run(() => api('POST', `/api/cases/${caseId}/systems`, { name: form.name, quantity: Number(form.quantity), remoteMaintenance: form.remoteMaintenance }));
  };
  const addAction = (ev: FormEvent) => {
    ev.preventDefault();
    void run(() => api('POST', `/api/cases/${caseId}/containment`, { type: action.type, at: `${action.at}:00+09:00`, systemId: action.systemId || null, note: action.note }));
  };

  return (
    <section className="card" aria-labelledby="systems-title">
      <h2 id="systems-title">{s.title}</h2>
      <FormError error={error} />
      <ul>
        {systems.map((x) => (
          <li key={x.id}>
            {x.name} {x.quantity}台 {x.remoteMaintenance ? `（${s.remote}）` : ''}{' '}
            <select aria-label={`${s.status}: ${x.name}`} value={x.status} disabled={!canWrite} onChange={(ev) => void run(() => api('PATCH', `/api/cases/${caseId}/systems/${x.id}`, { status: ev.target.value }))}>
              {Object.entries(s.statuses).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <h3>{s.containment}</h3>
      <ul>
        {containment.map((c) => (
          <li key={c.id}>
            {formatJst(c.at)} {c.type} {systems.find((x) => x.id === c.systemId)?.name ?? ''} — {c.actorName} {c.note}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <>
          <form className="row" onSubmit={addSystem}>
            <Field label={s.name} name="sys-name" required value={form.name} onChange={(ev) => setForm({ ...form, name: ev.target.value })} />
            <Field label={s.quantity} name="sys-qty" type="number" min={1} value={form.quantity} onChange={(ev) => setForm({ ...form, quantity: ev.target.value })} />
            <label>
              <input type="checkbox" checked={form.remoteMaintenance} onChange={(ev) => setForm({ ...form, remoteMaintenance: ev.target.checked })} /> {s.remote}
            </label>
            <button type="submit">{s.add}</button>
          </form>
          <form className="row" onSubmit={addAction}>
            <label>
              {s.action}{' '}
              <select value={action.type} onChange={(ev) => setAction({ ...action, type: ev.target.value })}>
                {ACTIONS.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
            <label>
              {s.target}{' '}
              <select value={action.systemId} onChange={(ev) => setAction({ ...action, systemId: ev.target.value })}>
                <option value="">—</option>
                {systems.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <Field label={s.at} name="ct-at" type="datetime-local" required value={action.at} onChange={(ev) => setAction({ ...action, at: ev.target.value })} />
            <button type="submit">{s.record}</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
