import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Role, UserView } from '../../../src/contracts/api.js';
import { api } from '../api.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { formatJst, useI18n } from '../i18n.js';

const ROLES: Role[] = ['admin', 'security_officer', 'privacy_officer', 'auditor', 'responder', 'viewer'];

export function UsersPage({ selfId }: { selfId: string }) {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'viewer' as Role, password: '' });

  const load = useCallback(() => {
    api<{ users: UserView[] }>('GET', '/api/users').then((r) => setUsers(r.users), setError);
  }, []);
  useEffect(load, [load]);

  const act = async (path: string, method: 'POST' | 'PATCH', body?: unknown) => {
    try {
      await api(method, path, body);
      setError(null);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    await act('/api/users', 'POST', form);
    setForm({ username: '', displayName: '', role: 'viewer', password: '' });
  };

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t.users}</h1>
      <FormError error={error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.username}</th>
              <th scope="col">{t.displayName}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.mfa}</th>
              <th scope="col">{t.lastLogin}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-row-${u.username}`}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  {u.id === selfId ? (
                    t.roles[u.role]
                  ) : (
                    <select
                      aria-label={`${t.role}: ${u.username}`}
                      value={u.role}
                      onChange={(e) => void act(`/api/users/${u.id}`, 'PATCH', { role: e.target.value })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t.roles[r]}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>{u.disabled ? t.disabled : u.locked ? t.lockedAccount : t.enabled}</td>
                <td>{u.mfaEnabled ? t.yes : t.no}</td>
                <td>{formatJst(u.lastLoginAt)}</td>
                <td className="actions">
                  {u.id !== selfId ? (
                    <button type="button" onClick={() => void act(`/api/users/${u.id}`, 'PATCH', { disabled: !u.disabled })}>
                      {u.disabled ? t.enable : t.disable}
                    </button>
                  ) : null}
                  {u.mfaEnabled ? (
                    <button type="button" onClick={() => void act(`/api/users/${u.id}/reset-mfa`, 'POST')}>
                      {t.resetMfa}
                    </button>
                  ) : null}
                  {u.locked ? (
                    <button type="button" onClick={() => void act(`/api/users/${u.id}/unlock`, 'POST')}>
                      {t.unlockAccount}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card" onSubmit={(e) => void create(e)} aria-labelledby="add-user-title">
        <h2 id="add-user-title">{t.addUser}</h2>
        <div className="grid">
          <Field label={t.username} name="new-username" required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
          <Field label={t.displayName} name="new-displayName" required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
          <div className="field">
            <label htmlFor="new-role">{t.role}</label>
            <select id="new-role" name="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
          </div>
          <Field label={t.initialPassword} name="new-password" type="password" autoComplete="new-password" hint={t.passwordRule} required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </div>
        <button type="submit">{t.create}</button>
      </form>
    </section>
  );
}
