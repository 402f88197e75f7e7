import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CaseChangeView, CaseView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { useDirectory } from '../../hooks/use-directory.js';
import { formatJst, useI18n } from '../../i18n.js';
import { NoticesTab } from './notices-tab.js';
import { PeopleTab } from './people-tab.js';
import { EvidenceTab } from './evidence-tab.js';
import { ReportsTab } from './reports-tab.js';
import { SystemsPanel } from './systems-panel.js';
import { TasksTab } from './tasks-tab.js';
import { ScanTab } from './scan-tab.js';
import { ScopeTab } from './scope-tab.js';
import { TimelineTab } from './timeline-tab.js';

const TABS = ['overview', 'timeline', 'scope', 'scan', 'people', 'reports', 'notices', 'evidence', 'tasks'] as const;
type Tab = (typeof TABS)[number];

export function CasePage({ id, canWrite, canReadPii, canScan, canReveal }: { id: string; canWrite: boolean; canReadPii: boolean; canScan: boolean; canReveal: boolean }) {
  const { t } = useI18n();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>('overview');

  const load = useCallback(() => {
    api<CaseView>('GET', `/api/cases/${id}`).then(setView, setError);
  }, [id]);
  useEffect(load, [load]);

  if (!view) return <FormError error={error} />;
  return (
    <section aria-labelledby="case-title">
      <h1 id="case-title">
        <span className="subtitle">{view.number}</span> {view.title}
      </h1>
      <p>
        {t.inc.caseTypes[view.type]} ・ {t.inc.phases[view.phase]} ・ {t.inc.knownAt}: {formatJst(view.knownAt)}
      </p>
      <div role="tablist" aria-label={view.title} className="tabs">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            className={tab === k ? 'tab active' : 'tab'}
            onClick={() => setTab(k)}
          >
            {t.inc.tabs[k]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' ? (
          <>
            <OverviewTab view={view} canWrite={canWrite} onSaved={setView} />
            <SystemsPanel caseId={id} canWrite={canWrite} />
          </>
        ) : null}
        {tab === 'timeline' ? <TimelineTab caseId={id} canWrite={canWrite} /> : null}
        {tab === 'scope' ? <ScopeTab caseId={id} canWrite={canWrite} /> : null}
        {tab === 'scan' ? <ScanTab caseId={id} canWrite={canWrite} canScan={canScan} canReadPii={canReadPii} canReveal={canReveal} /> : null}
        {tab === 'reports' ? <ReportsTab caseId={id} canWrite={canWrite} /> : null}
        {tab === 'people' ? <PeopleTab caseId={id} canWrite={canWrite} canReadPii={canReadPii} /> : null}
        {tab === 'notices' ? <NoticesTab caseId={id} canWrite={canWrite} /> : null}
        {tab === 'evidence' ? <EvidenceTab caseId={id} canWrite={canWrite} /> : null}
        {tab === 'tasks' ? <TasksTab caseId={id} canWrite={canWrite} /> : null}
      </div>
    </section>
  );
}

function OverviewTab({ view, canWrite, onSaved }: { view: CaseView; canWrite: boolean; onSaved: (v: CaseView) => void }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const [form, setForm] = useState({ phase: view.phase, status: view.status, severity: view.severity, summary: view.summary, ownerId: view.ownerId, tags: view.tags.join('、') });
  const [changes, setChanges] = useState<CaseChangeView[]>([]);
  const [error, setError] = useState<unknown>(null);

  const loadChanges = useCallback(() => {
    api<{ changes: CaseChangeView[] }>('GET', `/api/cases/${view.id}/changes`).then((r) => setChanges(r.changes), setError);
  }, [view.id]);
  useEffect(loadChanges, [loadChanges]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const tags = form.tags.split(/[、,]/).map((x) => x.trim()).filter(Boolean);
      onSaved(await api<CaseView>('PATCH', `/api/cases/${view.id}`, { phase: form.phase, status: form.status, severity: form.severity, summary: form.summary, ownerId: form.ownerId, tags }));
      setError(null);
      loadChanges();
    } catch (e) {
      setError(e);
    }
  };

  const select = (name: 'phase' | 'status' | 'severity', options: Record<string, string>) => (
    <div className="field">
      <label htmlFor={`case-${name}`}>{t.inc[name]}</label>
      <select id={`case-${name}`} disabled={!canWrite} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })}>
        {Object.entries(options).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <form className="card" onSubmit={(e) => void save(e)}>
        <div className="grid">
          {select('phase', t.inc.phases)}
          {select('status', t.inc.statuses)}
          {select('severity', t.inc.severities)}
          <div className="field">
            <label htmlFor="case-owner">{t.inc.owner}</label>
            <select id="case-owner" disabled={!canWrite} value={form.ownerId ?? ''} onChange={(e) => setForm({ ...form, ownerId: e.target.value || null })}>
              <option value="">—</option>
              {directory.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="case-tags">{t.inc.tags}</label>
            <input id="case-tags" disabled={!canWrite} value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="case-summary">{t.inc.summary}</label>
          <textarea id="case-summary" rows={5} disabled={!canWrite} value={form.summary} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
        </div>
        <FormError error={error} />
        {canWrite ? <button type="submit">{t.inc.save}</button> : null}
      </form>
      <h2>{t.inc.changes}</h2>
      <ul className="changes">
        {changes.map((c, i) => (
          <li key={`${c.at}-${i}`}>
            {formatJst(c.at)} {c.actorName}: {c.entity}.{c.field} {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
          </li>
        ))}
      </ul>
    </>
  );
}
