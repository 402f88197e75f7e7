import { useEffect, useState } from 'react';
import type { DashboardView } from '../../../src/contracts/api.js';
import { api } from '../api.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';

export function DashboardPage() {
  const { t } = useI18n();
  const [data, setData] = useState<DashboardView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<DashboardView>('GET', '/api/dashboard').then(setData, setError);
  }, []);

  if (error) return <FormError error={error} />;
  if (!data) return <p aria-busy="true">…</p>;
  const tiles: Array<[string, string | number, string]> = [
    [t.openIncidents, data.incidents.open, 'incidents-open'],
    [t.overdueObligations, data.incidents.overdueObligations, 'obligations-overdue'],
    [t.dueSoonObligations, data.incidents.dueSoonObligations, 'obligations-due-soon'],
    [t.usersActive, data.users.active, 'users-active'],
    [t.sessions, data.sessionsActive, 'sessions'],
    [t.auditEvents24h, data.audit.last24h, 'audit-24h'],
    [t.failedLogins24h, data.audit.failedLogins24h, 'failed-24h'],
    [t.auditTotal, data.audit.total, 'audit-total'],
    [t.jobsQueued, data.jobs.queued + data.jobs.running, 'jobs'],
  ];
  const last = data.audit.lastVerify;
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">
        {t.dashboard}
        {data.hospital ? <span className="subtitle"> — {data.hospital}</span> : null}
      </h1>
      <ul className="tiles">
        {tiles.map(([label, value, id]) => (
          <li key={id} className="tile">
            <span className="tile-label">{label}</span>
            <span className="tile-value" data-testid={`tile-${id}`}>
              {value}
            </span>
          </li>
        ))}
      </ul>
      <p>
        {t.lastVerify}: {last ? `${formatJst(last.finishedAt ?? last.createdAt)} — ${last.state} ${last.summary ?? ''}` : t.never}
      </p>
    </section>
  );
}
