import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CaseSummaryView, MailDetailView, MailMessageView } from '../../../src/contracts/incidents.js';
import { api, upload } from '../api.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';
import { MailTakeoverPanel } from './mail-takeover-panel.js';

interface MailSettingsView {
  domains: string[];
  staff: number;
  learned: number;
}

const VERDICTS = ['危険', '注意', '安全'] as const;
const HEADER_KEYS = ['from', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'return-path', 'authentication-results', 'received'];

/** 不審メール: judge uploaded mail, filter the verdicts, read one safely, escalate it into a case. */
export function MailPage({ canReview, navigate }: { canReview: boolean; navigate: (path: string) => void }) {
  const { t } = useI18n();
  const m = t.mailPage;
  const [messages, setMessages] = useState<MailMessageView[]>([]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [verdict, setVerdict] = useState('');
  const [state, setState] = useState('');
  const [q, setQ] = useState('');
  const [settings, setSettings] = useState<MailSettingsView | null>(null);
  const [status, setStatus] = useState('');
  const [detail, setDetail] = useState<MailDetailView | null>(null);
  const [cases, setCases] = useState<CaseSummaryView[]>([]);
  const [joinCase, setJoinCase] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<'messages' | 'takeover'>('messages');

  const load = useCallback(() => {
    const qs = new URLSearchParams({ limit: '200', ...(verdict ? { verdict } : {}), ...(state ? { state } : {}), ...(q.trim() ? { q: q.trim() } : {}) });
    api<{ messages: MailMessageView[]; counts: Record<string, number> }>('GET', `/api/mail/messages?${qs.toString()}`).then((r) => {
      setMessages(r.messages);
      setCounts(r.counts);
    }, setError);
  }, [verdict, state, q]);
  useEffect(load, [load]);
  const loadSettings = useCallback(() => {
    api<MailSettingsView>('GET', '/api/mail/settings').then(setSettings, setError);
  }, []);
  useEffect(loadSettings, [loadSettings]);
  useEffect(() => {
    if (canReview) api<{ cases: CaseSummaryView[] }>('GET', '/api/cases').then((r) => setCases(r.cases), setError);
  }, [canReview]);

  const submitFiles = async (event: FormEvent<HTMLFormElement>, path: string, field: string) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem(field) as HTMLInputElement | null;
    const files = [...(input?.files ?? [])];
    if (files.length === 0) return;
    try {
      let judged = 0;
      let unreadable = 0;
      let learned = 0;
      for (const f of files) {
        // One file at a time; the server splits mbox and zip into messages.
        const r = await upload<{ messages?: unknown[]; unreadable?: number; learned?: number }>(`${path}?filename=${encodeURIComponent(f.name)}`, f);
        judged += r.messages?.length ?? 0;
        unreadable += r.unreadable ?? 0;
        learned += r.learned ?? 0;
      }
      setStatus(path.endsWith('history') ? m.learned.replace('{n}', String(learned)) : m.uploaded.replace('{n}', String(judged)).replace('{u}', String(unreadable)));
      setError(null);
      load();
      loadSettings();
    } catch (e) {
      setError(e);
    }
  };
  const submitStaff = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('mail-staff') as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return;
    upload('/api/mail/staff', await file.text(), 'text/csv').then(loadSettings, setError);
  };
  const open = (id: string) => {
    api<MailDetailView>('GET', `/api/mail/messages/${id}`).then(setDetail, setError);
  };
  const review = (id: string, next: string) => {
    api<MailMessageView>('PATCH', `/api/mail/messages/${id}`, { state: next }).then((row) => {
      if (detail) setDetail({ ...detail, message: row });
      load();
    }, setError);
  };
  const escalate = (id: string, caseId: string | null) => {
    api<{ caseId: string }>('POST', `/api/mail/messages/${id}/escalate`, { caseId }).then((r) => navigate(`/incidents/${r.caseId}`), setError);
  };

  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">{t.mail}</h1>
      <div role="tablist" className="row">
        <button type="button" role="tab" aria-selected={tab === 'messages'} className={tab === 'messages' ? '' : 'secondary'} onClick={() => setTab('messages')}>
          {m.tabMessages}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'takeover'} className={tab === 'takeover' ? '' : 'secondary'} onClick={() => setTab('takeover')}>
          {m.tabTakeover}
        </button>
      </div>
      {tab === 'takeover' ? <MailTakeoverPanel canReview={canReview} navigate={navigate} /> : messagesTab()}
    </section>
  );

  // A render helper, not a component: a nested component would remount (and lose input focus) on every render.
  function messagesTab() {
    return (
    <>
      <p className="hint">{m.intro}</p>
      {settings ? (
        <p className="hint" data-testid="mail-settings">
          {m.status.replace('{staff}', String(settings.staff)).replace('{learned}', String(settings.learned)).replace('{domains}', settings.domains.join('、') || '—')}
        </p>
      ) : null}
      <FormError error={error} />
      {canReview ? (
        <div className="row">
          <form className="card" onSubmit={(ev) => void submitFiles(ev, '/api/mail/messages', 'mail-files')}>
            <label htmlFor="mail-files">{m.analyze}</label>
            <input id="mail-files" name="mail-files" type="file" multiple />
            <button type="submit">{m.upload}</button>
          </form>
          <form className="card" onSubmit={(ev) => void submitFiles(ev, '/api/mail/messages', 'mail-folder')}>
            <label htmlFor="mail-folder">{m.folder}</label>
            <input id="mail-folder" name="mail-folder" type="file" {...{ webkitdirectory: '' }} />
            <button type="submit">{m.upload}</button>
          </form>
          <form className="card" onSubmit={(ev) => void submitFiles(ev, '/api/mail/history', 'mail-history')}>
            <label htmlFor="mail-history">{m.history}</label>
            <input id="mail-history" name="mail-history" type="file" multiple />
            <button type="submit" className="secondary">
              {m.learn}
            </button>
          </form>
          <form className="card" onSubmit={(ev) => void submitStaff(ev)}>
            <label htmlFor="mail-staff">{m.staff}</label>
            <input id="mail-staff" name="mail-staff" type="file" accept=".csv,text/csv" />
            <button type="submit" className="secondary">
              {m.setStaff}
            </button>
          </form>
        </div>
      ) : null}
      {status ? (
        <p role="status" data-testid="mail-status">
          {status}
        </p>
      ) : null}
      <div className="row">
        <label htmlFor="mail-verdict">{m.verdict}</label>
        <select id="mail-verdict" value={verdict} onChange={(ev) => setVerdict(ev.target.value)}>
          <option value="">{m.all}</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {v}（{counts[v] ?? 0}）
            </option>
          ))}
        </select>
        <label htmlFor="mail-state">{m.state}</label>
        <select id="mail-state" value={state} onChange={(ev) => setState(ev.target.value)}>
          <option value="">{m.all}</option>
          {Object.entries(m.states).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        <input aria-label={m.search} placeholder={m.search} value={q} onChange={(ev) => setQ(ev.target.value)} />
      </div>
      <div className="table-wrap">
        <table data-testid="mail-list">
          <thead>
            <tr>
              <th>{m.received}</th>
              <th>{m.verdict}</th>
              <th>{m.score}</th>
              <th>{m.from}</th>
              <th>{m.subject}</th>
              <th>{m.reasons}</th>
              <th>{m.state}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((x) => (
              <tr key={x.id} data-verdict={x.verdict}>
                <td>{formatJst(x.receivedAt)}</td>
                <td>
                  <span className={`badge verdict-${x.verdict === '危険' ? 'danger' : x.verdict === '注意' ? 'caution' : 'safe'}`}>{x.verdict}</span>
                </td>
                <td className="num">{x.score}</td>
                <td>
                  {x.fromName ? `${x.fromName} ` : ''}&lt;{x.fromAddress}&gt;
                </td>
                <td>
                  <button type="button" className="link" onClick={() => open(x.id)}>
                    {x.subject || '（件名なし）'}
                  </button>
                </td>
                <td>{x.reasons.slice(0, 2).map((r) => r.text).join(' ／ ')}</td>
                <td>{x.stateLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail ? (
        <div className="card" data-testid="mail-detail" role="region" aria-label={detail.message.subject}>
          <h2>
            <span className={`badge verdict-${detail.message.verdict === '危険' ? 'danger' : detail.message.verdict === '注意' ? 'caution' : 'safe'}`}>{detail.message.verdict}</span> {detail.message.subject}（{m.score} {detail.message.score}）
          </h2>
          <h3>{m.reasons}</h3>
          <ul data-testid="mail-reasons">
            {detail.message.reasons.map((r) => (
              <li key={`${r.code}-${r.text}`} data-code={r.code}>
                {r.text}（+{r.weight}）
              </li>
            ))}
          </ul>
          <h3>{m.headers}</h3>
          <table>
            <tbody>
              {detail.headers
                .filter((h) => HEADER_KEYS.includes(h.key))
                .map((h, i) => (
                  <tr key={`${h.key}-${i}`}>
                    <th>{h.key}</th>
                    <td className="wrap">{h.value}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <h3>{m.text}</h3>
          {/* Text only: the body is never rendered as HTML and nothing remote is fetched. */}
          <pre className="mail-text" data-testid="mail-text">
            {detail.text}
          </pre>
          {detail.quoted ? (
            <details>
              <summary>{m.quoted}</summary>
              <pre className="mail-text">{detail.quoted}</pre>
            </details>
          ) : null}
          {detail.attachments.length ? (
            <>
              <h3>{m.attachments}</h3>
              <ul>
                {detail.attachments.map((a) => (
                  <li key={`${a.filename}-${a.sha256}`}>
                    {a.filename}（{a.size.toLocaleString('ja-JP')} bytes{a.flags.length ? `、${a.flags.join('・')}` : ''}）<code>{a.sha256.slice(0, 16)}…</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>{m.indicators}</h3>
          <p className="wrap">
            {detail.message.indicators.sender} ／ {detail.message.indicators.domains.join('、')}
            {detail.message.indicators.urls.length ? ` ／ ${detail.message.indicators.urls.join('、')}` : ''}
          </p>
          <p>
            {m.state}: {detail.message.stateLabel}
          </p>
          {canReview ? (
            <div className="row">
              {detail.message.caseId ? (
                <button type="button" onClick={() => navigate(`/incidents/${detail.message.caseId ?? ''}`)}>
                  {m.openCase}
                </button>
              ) : (
                <>
                  <button type="button" onClick={() => escalate(detail.message.id, null)}>
                    {m.escalate}
                  </button>
                  <label htmlFor="mail-join">{m.joinCase}</label>
                  <select id="mail-join" value={joinCase} onChange={(ev) => setJoinCase(ev.target.value)}>
                    <option value="">—</option>
                    {cases.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.number} {c.title}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="secondary" disabled={!joinCase} onClick={() => escalate(detail.message.id, joinCase)}>
                    {m.join}
                  </button>
                </>
              )}
              <button type="button" className="secondary" onClick={() => review(detail.message.id, 'false_positive')}>
                {m.falsePositive}
              </button>
              <button type="button" className="secondary" onClick={() => setDetail(null)}>
                {m.close}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </>
    );
  }
}
