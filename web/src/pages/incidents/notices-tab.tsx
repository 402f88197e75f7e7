import { useCallback, useEffect, useState } from 'react';
import type { NoticeView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';

/** お知らせ 第N報: generate, edit the draft, publish, export. */
export function NoticesTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const n = t.notices;
  const [notices, setNotices] = useState<NoticeView[]>([]);
  const [bodies, setBodies] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<{ notices: NoticeView[] }>('GET', `/api/cases/${caseId}/notices`).then((r) => {
      setNotices(r.notices);
      const draft = r.notices.find((x) => x.status === 'draft');
      setBodies(draft ? Object.fromEntries(draft.content.sections.map((s) => [s.key, s.body])) : {});
    }, setError);
  }, [caseId]);
  useEffect(load, [load]);

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(null);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const draft = notices.find((x) => x.status === 'draft');
  return (
    <>
      <FormError error={error} />
      {canWrite && !draft ? (
        <button type="button" onClick={() => void run(() => api('POST', `/api/cases/${caseId}/notices`))}>
          {n.generate.replace('{n}', String((notices.at(-1)?.edition ?? 0) + 1))}
        </button>
      ) : null}
      {[...notices].reverse().map((x) => (
        <article key={x.id} className="card notice" data-testid={`notice-${x.edition}`}>
          <header className="toolbar">
            <strong>
              {n.edition.replace('{n}', String(x.edition))} — {x.status === 'draft' ? n.draft : `${n.published} ${formatJst(x.publishedAt)}`}
            </strong>
            {(['docx', 'html', 'txt'] as const).map((f) => (
              <a key={f} className="button" href={`/api/cases/${caseId}/notices/${x.id}/export?format=${f}`} {...(f === 'html' ? { target: '_blank', rel: 'noreferrer' } : { download: true })}>
                {f.toUpperCase()}
              </a>
            ))}
          </header>
          <h3>{x.content.title}</h3>
          {x.content.sections.map((s, i) =>
            x.status === 'draft' && canWrite ? (
              <div key={s.key} className="field">
                <label htmlFor={`notice-${x.id}-${s.key}`}>
                  {i + 1}. {s.heading}
                </label>
                <textarea id={`notice-${x.id}-${s.key}`} rows={3} value={bodies[s.key] ?? ''} onChange={(e) => setBodies({ ...bodies, [s.key]: e.target.value })} />
              </div>
            ) : (
              <section key={s.key}>
                <h4>
                  {i + 1}. {s.heading}
                </h4>
                <p className="prewrap">{s.body}</p>
              </section>
            ),
          )}
          {x.status === 'draft' && canWrite ? (
            <div className="row">
              <button type="button" className="secondary" onClick={() => void run(() => api('PATCH', `/api/cases/${caseId}/notices/${x.id}`, { sections: Object.entries(bodies).map(([key, body]) => ({ key, body })) }))}>
                {t.inc.save}
              </button>
              <button
                type="button"
                onClick={() =>
                  void run(async () => {
                    await api('PATCH', `/api/cases/${caseId}/notices/${x.id}`, { sections: Object.entries(bodies).map(([key, body]) => ({ key, body })) });
                    await api('POST', `/api/cases/${caseId}/notices/${x.id}/publish`);
                  })
                }
              >
                {n.publish}
              </button>
            </div>
          ) : null}
        </article>
      ))}
    </>
  );
}
