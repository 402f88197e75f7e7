import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AssessmentView, ExposureView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';

const EMPTY = { population: 'patient', count: '', countIsEstimate: true, items: [] as string[], sensitive: false, financial: false, malicious: false, highEncryption: false, note: '' };
type Form = typeof EMPTY;

/** Data exposures (影響範囲) and the 規則7条 assessment history. */
export function ScopeTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const [exposures, setExposures] = useState<ExposureView[]>([]);
  const [assessments, setAssessments] = useState<AssessmentView[]>([]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<{ exposures: ExposureView[]; assessments: AssessmentView[] }>('GET', `/api/cases/${caseId}/exposures`).then((r) => {
      setExposures(r.exposures);
      setAssessments(r.assessments);
    }, setError);
  }, [caseId]);
  useEffect(load, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { ...form, count: Number(form.count) };
    try {
      if (editing) await api('PATCH', `/api/cases/${caseId}/exposures/${editing}`, body);
      else await api('POST', `/api/cases/${caseId}/exposures`, body);
      setForm(EMPTY);
      setEditing(null);
      setError(null);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const flag = (key: 'countIsEstimate' | 'sensitive' | 'financial' | 'malicious' | 'highEncryption', label: string) => (
    <label>
      <input type="checkbox" checked={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.checked })} /> {label}
    </label>
  );

  const latest = assessments[0];
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.inc.population}</th>
              <th scope="col">{t.inc.count}</th>
              <th scope="col">{t.inc.items}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {exposures.map((x) => (
              <tr key={x.id} data-testid={`exposure-${x.population}`}>
                <td>{t.inc.populations[x.population]}</td>
                <td>
                  {x.countIsEstimate ? '約' : ''}
                  {x.count.toLocaleString('ja-JP')}人
                </td>
                <td>{x.items.map((i) => t.inc.dataItems[i] ?? i).join('、')}</td>
                <td>
                  {canWrite ? (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        setEditing(x.id);
                        setForm({
                          population: x.population,
                          count: String(x.count),
                          countIsEstimate: x.countIsEstimate,
                          items: x.items,
                          sensitive: x.sensitive,
                          financial: x.financial,
                          malicious: x.malicious,
                          highEncryption: x.highEncryption,
                          note: x.note,
                        });
                      }}
                    >
                      {t.inc.edit}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {latest ? (
        <div className="card" data-testid="assessment">
          <h2>{t.inc.assessment}</h2>
          <p>
            <strong>{latest.decision.reportable ? t.inc.reportable : t.inc.notReportable}</strong>（{latest.decision.people.toLocaleString('ja-JP')}人）
          </p>
          <ul>
            {latest.decision.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <details>
            <summary>
              {t.inc.changes} ({assessments.length})
            </summary>
            <ul>
              {assessments.map((a) => (
                <li key={a.id}>
                  {formatJst(a.at)} {a.decidedBy}: {a.rationale} — {a.decision.people.toLocaleString('ja-JP')}人, {a.decision.reportable ? t.inc.reportable : t.inc.notReportable}
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : null}
      <FormError error={error} />
      {canWrite ? (
        <form className="card" onSubmit={(e) => void submit(e)}>
          <div className="grid">
            <div className="field">
              <label htmlFor="exp-population">{t.inc.population}</label>
              <select id="exp-population" value={form.population} onChange={(e) => setForm({ ...form, population: e.target.value })}>
                {Object.entries(t.inc.populations).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <Field label={t.inc.count} name="exp-count" type="number" min={0} required value={form.count} onChange={(e) => setForm({ ...form, count: e.target.value })} />
          </div>
          <fieldset>
            <legend>{t.inc.items}</legend>
            <div className="checks">
              {Object.entries(t.inc.dataItems).map(([k, label]) => (
                <label key={k}>
                  <input
                    type="checkbox"
                    checked={form.items.includes(k)}
                    onChange={(e) => setForm({ ...form, items: e.target.checked ? [...form.items, k] : form.items.filter((i) => i !== k) })}
                  />{' '}
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="row">
            {flag('countIsEstimate', t.inc.estimate)}
            {flag('sensitive', t.inc.sensitive)}
            {flag('financial', t.inc.financial)}
            {flag('malicious', t.inc.malicious)}
            {flag('highEncryption', t.inc.highEncryption)}
          </div>
          <button type="submit">{editing ? t.inc.save : t.inc.add}</button>
        </form>
      ) : null}
    </>
  );
}
