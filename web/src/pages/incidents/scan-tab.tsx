import { useCallback, useEffect, useState } from 'react';
import type { EvidenceView, PeopleImportResult, ScanItemView, ScanPersonView, ScanView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { formatJst, useI18n } from '../../i18n.js';

const KIND_ORDER = ['patient_id', 'name', 'name_kana', 'sex', 'birth_date', 'age', 'postal_code', 'address', 'phone', 'email', 'insurance_no', 'my_number', 'diagnosis', 'test_result', 'credit_card', 'bank_account'];

/** 影響範囲調査: scan evidence for personal data, watch progress, publish the table, import people. */
export function ScanTab({ caseId, canWrite, canScan, canReadPii, canReveal }: { caseId: string; canWrite: boolean; canScan: boolean; canReadPii: boolean; canReveal: boolean }) {
  const { t } = useI18n();
  const s = t.scan;
  const [evidence, setEvidence] = useState<EvidenceView[]>([]);
  const [scans, setScans] = useState<ScanView[]>([]);
  const [evidenceId, setEvidenceId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api<{ evidence: EvidenceView[] }>('GET', `/api/cases/${caseId}/evidence`).then((r) => {
      setEvidence(r.evidence);
      setEvidenceId((cur) => cur || r.evidence[0]?.id || '');
    }, setError);
    api<{ scans: ScanView[] }>('GET', `/api/cases/${caseId}/scans`).then((r) => setScans(r.scans), setError);
  }, [caseId]);
  useEffect(load, [load]);

  // Poll while a scan is queued or running, so the progress bar moves.
  const active = scans.some((x) => x.state === 'queued' || x.state === 'running');
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => {
      api<{ scans: ScanView[] }>('GET', `/api/cases/${caseId}/scans`).then((r) => setScans(r.scans), setError);
    }, 1000);
    return () => clearInterval(timer);
  }, [active, caseId]);

  const start = () => {
    api<ScanView>('POST', `/api/cases/${caseId}/scans`, { evidenceId }).then(() => load(), setError);
  };

  return (
    <>
      <p className="hint">{s.intro}</p>
      <FormError error={error} />
      {canScan ? (
        evidence.length === 0 ? (
          <p>{s.noEvidence}</p>
        ) : (
          <div className="card row">
            <div className="field">
              <label htmlFor="scan-evidence">{s.source}</label>
              <select id="scan-evidence" value={evidenceId} onChange={(e) => setEvidenceId(e.target.value)}>
                {evidence.map((ev) => (
                  <option key={ev.id} value={ev.id}>
                    {ev.filename}（{ev.size.toLocaleString('ja-JP')} bytes）
                  </option>
                ))}
              </select>
            </div>
            <button type="button" onClick={start} disabled={!evidenceId}>
              {s.start}
            </button>
          </div>
        )
      ) : null}
      {scans.map((scan) => (
        <ScanCard key={scan.id} caseId={caseId} scan={scan} canWrite={canWrite} canReadPii={canReadPii} canReveal={canReveal} onChanged={load} />
      ))}
    </>
  );
}

function ScanCard({ caseId, scan, canWrite, canReadPii, canReveal, onChanged }: { caseId: string; scan: ScanView; canWrite: boolean; canReadPii: boolean; canReveal: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const s = t.scan;
  const [imported, setImported] = useState<PeopleImportResult | null>(null);
  const [items, setItems] = useState<ScanItemView[] | null>(null);
  const [persons, setPersons] = useState<{ rows: ScanPersonView[]; total: number; masked: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/cases/${caseId}/scans/${scan.id}`;
  const total = scan.itemsTotal ?? 0;
  const summary = scan.summary;

  const loadPersons = (reveal: boolean) => {
    api<{ persons: ScanPersonView[]; total: number; masked: boolean }>('GET', `${base}/persons${reveal ? '/revealed' : ''}?limit=200`).then((r) => setPersons({ rows: r.persons, total: r.total, masked: r.masked }), setError);
  };

  return (
    <div className="card" data-testid="scan" data-state={scan.state}>
      <h2>
        {scan.sourceName} — <span data-testid="scan-state">{s.states[scan.state] ?? scan.state}</span>
      </h2>
      <p className="hint">{formatJst(scan.createdAt)}{scan.finishedAt ? ` → ${formatJst(scan.finishedAt)}` : ''}</p>
      {scan.state !== 'succeeded' ? (
        <div>
          <label htmlFor={`progress-${scan.id}`}>{s.progress}</label>{' '}
          <progress id={`progress-${scan.id}`} data-testid="scan-progress" max={total || 1} value={scan.itemsDone} /> {scan.itemsDone.toLocaleString('ja-JP')}
          {total ? ` / ${total.toLocaleString('ja-JP')}` : ''}
          {scan.error ? <span className="error"> {scan.error}</span> : null}
        </div>
      ) : null}
      <FormError error={error} />
      {summary ? (
        <>
          <h3>{s.table}</h3>
          <table data-testid="breach-table">
            <thead>
              <tr>
                <th>{s.content}</th>
                <th>{s.items}</th>
                <th>{s.persons}</th>
              </tr>
            </thead>
            <tbody>
              {summary.table.map((r, i) => (
                <tr key={i} className={r.status ? 'muted' : undefined}>
                  <td>{`${r.level ? '└ ' : ''}${r.label}`}</td>
                  <td className="num">{r.items.toLocaleString('ja-JP')}件</td>
                  <td className="num">{r.status ? s.uninspected : `${r.persons.toLocaleString('ja-JP')}人`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="scan-distinct">
            {s.distinct}: <strong>{summary.persons.toLocaleString('ja-JP')}人</strong>（{summary.approxPersons}）／ {summary.noticeItems}
          </p>
          <div className="row">
            <a className="button secondary" href={`${base}/table?format=docx`} download>
              DOCX
            </a>
            <a className="button secondary" href={`${base}/table?format=xlsx`} download>
              xlsx
            </a>
            <a className="button secondary" href={`${base}/table?format=html`} target="_blank" rel="noreferrer">
              {s.print}
            </a>
            {canWrite ? (
              <button type="button" onClick={() => void api<PeopleImportResult>('POST', `${base}/import`).then((r) => { setImported(r); onChanged(); }, setError)}>
                {s.import}
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => void api<{ items: ScanItemView[] }>('GET', `${base}/items?limit=500`).then((r) => setItems(r.items), setError)}>
              {s.itemsWithPii}
            </button>
            {canReadPii ? (
              <button type="button" className="secondary" onClick={() => loadPersons(false)}>
                {s.register}
              </button>
            ) : null}
          </div>
          {imported ? (
            <p role="status" data-testid="scan-imported">
              {s.imported.replace('{created}', String(imported.created)).replace('{merged}', String(imported.merged)).replace('{rejected}', String(imported.errors.length))}
            </p>
          ) : null}
          {items ? (
            <table>
              <thead>
                <tr>
                  <th>{s.item}</th>
                  <th>{s.category}</th>
                  <th>{s.persons}</th>
                  <th>{s.kinds}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.item}>
                    <td>{i.item}</td>
                    <td>{i.category}</td>
                    <td className="num">{i.persons}</td>
                    <td>{KIND_ORDER.filter((k) => i.kinds[k]).map((k) => `${t.scanKinds[k] ?? k} ${i.kinds[k] ?? 0}`).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {persons ? (
            <>
              <p>
                {persons.masked ? s.register : ''} {persons.rows.length} / {persons.total}{' '}
                {persons.masked && canReveal ? (
                  <button type="button" className="secondary" onClick={() => loadPersons(true)}>
                    {s.reveal}
                  </button>
                ) : null}
              </p>
              <table data-testid="scan-persons">
                <thead>
                  <tr>
                    {['name', 'birth_date', 'patient_id', 'phone', 'address'].map((k) => (
                      <th key={k}>{t.scanKinds[k]}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {persons.rows.map((p, i) => (
                    <tr key={i}>
                      {['name', 'birth_date', 'patient_id', 'phone', 'address'].map((k) => (
                        <td key={k}>{p.values[k] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
