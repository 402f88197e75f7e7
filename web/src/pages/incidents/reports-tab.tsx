import { useCallback, useEffect, useState } from 'react';
import type { ObligationView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';
import { StateBadge } from './state-badge.js';

/** Obligations with deadlines; record a submission (date, channel, receipt number). */
export function ReportsTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const [items, setItems] = useState<ObligationView[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<{ obligations: ObligationView[] }>('GET', `/api/cases/${caseId}/obligations`).then((r) => setItems(r.obligations), setError);
  }, [caseId]);
  useEffect(load, [load]);

  const record = async (o: ObligationView, status: 'submitted' | 'not_required') => {
    const channel = status === 'submitted' ? window.prompt(t.inc.channel, o.kind.startsWith('ppc') ? '漏えい等報告フォーム' : '') : null;
    const receiptRef = status === 'submitted' ? window.prompt(t.inc.receiptRef, '') : null;
    try {
      await api('PATCH', `/api/cases/${caseId}/obligations/${o.id}`, { status, channel, receiptRef });
      load();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h2>{t.inc.obligations}</h2>
      <FormError error={error} />
      <div className="toolbar">
        <span>{t.inc.ppcDraft}:</span>
        {(['sokuho', 'kakuho'] as const).map((k) =>
          (['docx', 'html'] as const).map((f) => (
            <a key={`${k}-${f}`} className="button" href={`/api/cases/${caseId}/ppc-report?kind=${k}&format=${f}`} {...(f === 'html' ? { target: '_blank', rel: 'noreferrer' } : { download: true })}>
              {k === 'sokuho' ? t.inc.sokuho : t.inc.kakuho} {f.toUpperCase()}
            </a>
          )),
        )}
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.inc.obligation}</th>
              <th scope="col">{t.inc.due}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.inc.basis}</th>
              <th scope="col">{t.inc.submittedAt}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id} data-testid={`obligation-${o.kind}`}>
                <td>
                  {o.label}
                  {o.required ? '' : `（${t.inc.optional}）`}
                </td>
                <td className="nowrap" data-testid={`due-${o.kind}`}>
                  {o.dueDate}
                </td>
                <td>
                  <StateBadge state={o.state} />
                </td>
                <td className="hint">{o.basis}</td>
                <td>
                  {o.submittedAt ? `${formatJst(o.submittedAt)} ${o.channel ?? ''} ${o.receiptRef ?? ''}` : ''}
                </td>
                <td className="actions">
                  {canWrite && o.status === 'open' ? (
                    <>
                      <button type="button" onClick={() => void record(o, 'submitted')}>
                        {t.inc.markSubmitted}
                      </button>
                      <button type="button" className="secondary" onClick={() => void record(o, 'not_required')}>
                        {t.inc.markNotRequired}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
