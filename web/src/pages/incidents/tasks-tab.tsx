import { useCallback, useEffect, useState } from 'react';
import type { TaskView } from '../../../../src/contracts/incidents.js';
import { api } from '../../api.js';
import { FormError } from '../../components/form-error.js';
import { useDirectory } from '../../hooks/use-directory.js';
import { formatJst, useI18n } from '../../i18n.js';

/** Initial-response checklist generated from the playbook of the case type. */
export function TasksTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const [tasks, setTasks] = useState<TaskView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const directory = useDirectory();
  const load = useCallback(() => {
    api<{ tasks: TaskView[] }>('GET', `/api/cases/${caseId}/tasks`).then((r) => setTasks(r.tasks), setError);
  }, [caseId]);
  useEffect(load, [load]);
  const set = async (id: string, patch: { status?: string; assigneeId?: string | null }) => {
    try {
      await api('PATCH', `/api/cases/${caseId}/tasks/${id}`, patch);
      load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <FormError error={error} />
      <ol className="tasks">
        {tasks.map((task) => (
          <li key={task.id} data-testid={`task-${task.key}`} className={task.overdue ? 'row-warn' : ''}>
            <strong>{task.title}</strong>
            {task.detail ? <div className="hint">{task.detail}</div> : null}
            <div className="row">
              <span>
                {t.inc.due}: {formatJst(task.dueAt)} {task.overdue ? `（${t.inc.overdue}）` : ''}
              </span>
              <span>{t.roles[task.role as keyof typeof t.roles] ?? task.role}</span>
              <label>
                {t.status}{' '}
                <select value={task.status} disabled={!canWrite} onChange={(e) => void set(task.id, { status: e.target.value })}>
                  {Object.entries(t.tasks.statuses).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t.inc.assignee}{' '}
                <select value={task.assigneeId ?? ''} disabled={!canWrite} onChange={(e) => void set(task.id, { assigneeId: e.target.value || null })}>
                  <option value="">—</option>
                  {directory.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName}
                    </option>
                  ))}
                </select>
              </label>
              {task.doneBy ? (
                <span className="hint">
                  {task.doneBy} {formatJst(task.doneAt)}
                </span>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
