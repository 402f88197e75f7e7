import { useEffect, useState } from 'react';
import type { ObligationView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { useI18n } from '../../i18n.js';
import { StateBadge } from './state-badge.js';

interface Deadline {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  obligation: ObligationView;
}

/** Every open obligation across cases, grouped by due date (JST). */
export function DeadlinesPage({ navigate }: { navigate: (path: string) => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Deadline[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ deadlines: Deadline[] }>('GET', '/api/deadlines').then((r) => setItems(r.deadlines), setError);
  }, []);
  const days = [...new Set(items.map((d) => d.obligation.dueDate))].sort();
  return (
    <section aria-labelledby="deadlines-title">
      <h1 id="deadlines-title">{t.inc.deadlines}</h1>
      <FormError error={error} />
      {days.map((day) => (
        <div key={day} className="card">
          <h2>{day}</h2>
          <ul>
            {items
              .filter((d) => d.obligation.dueDate === day)
              .map((d) => (
                <li key={d.obligation.id}>
                  <StateBadge state={d.obligation.state} />{' '}
                  <a
                    href={`/incidents/${d.caseId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/incidents/${d.caseId}`);
                    }}
                  >
                    {d.caseNumber} {d.caseTitle}
                  </a>
                  : {d.obligation.label}
                  {d.obligation.required ? '' : `（${t.inc.optional}）`}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
