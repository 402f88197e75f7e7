import type { EhrAccessView } from '../../../src/contracts/incidents.js';
import { formatJst, useI18n } from '../i18n.js';

/** Accesses with their explanation (業務上の理由) and relation; a session id opens its replay. */
export function EhrAccessTable({ rows, onSession, testId }: { rows: EhrAccessView[]; onSession: (sessionId: string) => void; testId: string }) {
  const { t } = useI18n();
  const e = t.ehr;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{e.when}</th>
            <th>{e.user}</th>
            <th>{e.patient}</th>
            <th>{e.action}</th>
            <th>{e.session}</th>
            <th>{e.explanation}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.eventId}>
              <td>{formatJst(x.at)}</td>
              <td>
                {x.userName}（{x.department}）
              </td>
              <td>{x.patientId ?? '—'}</td>
              <td>
                {x.action}/{x.screen}
              </td>
              <td>
                {x.sessionId ? (
                  <button type="button" className="link" onClick={() => onSession(x.sessionId)}>
                    {x.sessionId}
                  </button>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {x.patientId ? (x.explanation ?? e.unexplained) : ''}
                {x.relation ? ` ［${x.relation}］` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
