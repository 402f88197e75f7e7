import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CampaignView, PeopleImportResult, PersonView, ReachabilityView, RecipientView } from '../../../../src/contracts/incidents.js';
import { api, upload } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { useI18n } from '../../i18n.js';
import { CorrespondentsPanel } from './correspondents-panel.js';
import { HotlinePanel } from './hotline-panel.js';

const CHANNELS = ['post', 'in_person', 'phone', 'email'];
const STATUSES = ['pending', 'sent', 'delivered', 'returned', 'unreachable'];

/** Affected people (personal data: shown only with pii:read), campaigns and 代替措置. */
export function PeopleTab({ caseId, canWrite, canReadPii }: { caseId: string; canWrite: boolean; canReadPii: boolean }) {
  const { t } = useI18n();
  const p = t.people;
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [reach, setReach] = useState<ReachabilityView | null>(null);
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<PeopleImportResult | null>(null);
  const [campaignName, setCampaignName] = useState('');
  const [channel, setChannel] = useState('post');
  const [openCampaign, setOpenCampaign] = useState<string | null>(null);
  const [recipients, setRecipients] = useState<RecipientView[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [measure, setMeasure] = useState({ kind: 'public_notice', description: '' });
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    if (canReadPii)
      {api<{ people: PersonView[]; total: number }>('GET', `/api/cases/${caseId}/people?limit=500`).then((r) => {
        setPeople(r.people);
        setTotal(r.total);
      }, setError);}
    api<{ campaigns: CampaignView[] }>('GET', `/api/cases/${caseId}/campaigns`).then((r) => setCampaigns(r.campaigns), setError);
    api<ReachabilityView>('GET', `/api/cases/${caseId}/reachability`).then(setReach, setError);
  }, [caseId, canReadPii]);
  useEffect(load, [load]);

  const loadRecipients = useCallback(
    (campaignId: string) => {
      api<{ recipients: RecipientView[] }>('GET', `/api/cases/${caseId}/campaigns/${campaignId}/recipients`).then((r) => {
        setRecipients(r.recipients);
        setSelected(new Set());
      }, setError);
    },
    [caseId],
  );

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(null);
      load();
      if (openCampaign) loadRecipients(openCampaign);
    } catch (e) {
      setError(e);
    }
  };

  const importCsv = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setResult(await api<PeopleImportResult>('POST', `/api/cases/${caseId}/people/import`, { csv, filename: 'upload.csv' }));
      setCsv('');
    });
  };

  return (
    <>
      <FormError error={error} />
      {reach ? (
        <div className={reach.alternativeNeeded ? 'card warn' : 'card'} data-testid="reachability">
          <p>
            {p.registered}: <strong>{reach.people.toLocaleString('ja-JP')}</strong> ／ {p.unreachable}: <strong data-testid="unreachable-count">{reach.unreachable}</strong>
          </p>
          {reach.alternativeNeeded ? <p data-testid="alternative-needed">{p.alternativeNeeded}</p> : null}
          <ul>
            {reach.measures.map((m) => (
              <li key={m.id}>
                {p.measureKinds[m.kind] ?? m.kind}: {m.description}（{m.peopleCount}{p.persons}）
              </li>
            ))}
          </ul>
          {canWrite && reach.unreachable > 0 ? (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => api('POST', `/api/cases/${caseId}/alternative-measures`, measure));
              }}
            >
              <label>
                {p.measure}{' '}
                <select value={measure.kind} onChange={(e) => setMeasure({ ...measure, kind: e.target.value })}>
                  <option value="public_notice">{p.measureKinds.public_notice}</option>
                  <option value="hotline">{p.measureKinds.hotline}</option>
                </select>
              </label>
              <label>
                {p.measureDescription} <input value={measure.description} required onChange={(e) => setMeasure({ ...measure, description: e.target.value })} />
              </label>
              <button type="submit">{p.recordMeasure}</button>
            </form>
          ) : null}
        </div>
      ) : null}

      {canWrite ? (
        <form className="card" onSubmit={importCsv}>
          <div className="field">
            <label htmlFor="people-csv">{p.importCsv}</label>
            <textarea id="people-csv" rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} aria-describedby="people-csv-hint" />
            <small id="people-csv-hint" className="hint">
              {p.importHelp}
            </small>
            <input type="file" accept=".csv,text/csv" aria-label={p.chooseFile} onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)} />
            <label>
              {p.chooseXlsx}{' '}
              <input
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  void run(async () => {
                    setResult(await upload<PeopleImportResult>(`/api/cases/${caseId}/people/import.xlsx?filename=${encodeURIComponent(file.name)}`, file));
                  });
                }}
              />
            </label>
          </div>
          <button type="submit">{p.import}</button>
          {result ? (
            <div role="status" data-testid="import-result">
              <p>
                {p.created} {result.created} ／ {p.merged} {result.merged} ／ {p.rejected} {result.errors.length}
              </p>
              <ul className="error">
                {result.errors.map((e) => (
                  <li key={e.line}>
                    {e.line}行目: {e.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </form>
      ) : null}
      {canWrite ? <CorrespondentsPanel caseId={caseId} onImported={load} onError={setError} /> : null}

      {people ? (
        <details className="card">
          <summary>
            {p.register} ({total.toLocaleString('ja-JP')})
          </summary>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{p.name}</th>
                  <th scope="col">{p.patientId}</th>
                  <th scope="col">{p.birthDate}</th>
                  <th scope="col">{t.inc.items}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((x) => (
                  <tr key={x.id}>
                    <td>{x.name}</td>
                    <td>{x.patientId}</td>
                    <td>{x.birthDate ?? ''}</td>
                    <td>{x.items.map((i) => t.inc.dataItems[i] ?? i).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}

      {canReadPii ? <HotlinePanel caseId={caseId} canWrite={canWrite} /> : null}
      <h2>{p.campaigns}</h2>
      <ul>
        {campaigns.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="link"
              onClick={() => {
                setOpenCampaign(c.id);
                if (canReadPii) loadRecipients(c.id);
              }}
            >
              {c.name}（{p.channels[c.channel] ?? c.channel}）
            </button>{' '}
            {Object.entries(c.counts)
              .map(([k, n]) => `${p.statuses[k] ?? k} ${n}`)
              .join(' ／ ')}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api('POST', `/api/cases/${caseId}/campaigns`, { name: campaignName, channel }));
          }}
        >
          <label>
            {p.campaignName} <input value={campaignName} required onChange={(e) => setCampaignName(e.target.value)} />
          </label>
          <label>
            {p.channel}{' '}
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              {CHANNELS.map((k) => (
                <option key={k} value={k}>
                  {p.channels[k]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{p.createCampaign}</button>
        </form>
      ) : null}

      {openCampaign ? (
        <div className="toolbar">
          <a className="button" href={`/api/cases/${caseId}/campaigns/${openCampaign}/letters?format=docx`} download>
            {p.lettersDocx}
          </a>
          <a className="button" href={`/api/cases/${caseId}/campaigns/${openCampaign}/letters?format=html`} target="_blank" rel="noreferrer">
            {p.lettersHtml}
          </a>
          {canWrite && campaigns.find((c) => c.id === openCampaign)?.channel === 'email' ? (
            <button type="button" onClick={() => void run(() => api('POST', `/api/cases/${caseId}/campaigns/${openCampaign}/send-email`))}>
              {p.sendEmail}
            </button>
          ) : null}
        </div>
      ) : null}
      {openCampaign && recipients.length > 0 ? (
        <div className="card">
          {canWrite ? (
            <div className="toolbar">
              <span>
                {p.selected}: {selected.size}
              </span>
              {STATUSES.map((s) => (
                <button
                  key={s}
                  type="button"
                  className="secondary"
                  disabled={selected.size === 0}
                  onClick={() => void run(() => api('PATCH', `/api/cases/${caseId}/campaigns/${openCampaign}/recipients`, { recipientIds: [...selected], status: s }))}
                >
                  → {p.statuses[s]}
                </button>
              ))}
              <button type="button" className="link" onClick={() => setSelected(new Set(recipients.map((r) => r.id)))}>
                {p.selectAll}
              </button>
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{p.select}</span>
                  </th>
                  <th scope="col">{p.name}</th>
                  <th scope="col">{p.patientId}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{p.attempts}</th>
                </tr>
              </thead>
              <tbody>
                {recipients.slice(0, 500).map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${p.select}: ${r.name}`}
                        checked={selected.has(r.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.target.checked) next.add(r.id);
                          else next.delete(r.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                    <td>{r.name}</td>
                    <td>{r.patientId}</td>
                    <td>{p.statuses[r.status] ?? r.status}</td>
                    <td>{r.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </>
  );
}
