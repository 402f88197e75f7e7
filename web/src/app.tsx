import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { MeResponse, Permission } from '../../src/contracts/api.js';
import { api, onApiError, setCsrfToken, type ApiError } from './api.js';
import { useI18n } from './i18n.js';
import { LockScreen } from './lock-screen.js';
import { AuditPage } from './pages/audit-page.js';
import { CaseListPage } from './pages/incidents/case-list-page.js';
import { CasePage } from './pages/incidents/case-page.js';
import { EhrAuditPage } from './pages/ehr-audit-page.js';
import { MailPage } from './pages/mail-page.js';
import { DeadlinesPage } from './pages/incidents/deadlines-page.js';
import { DashboardPage } from './pages/dashboard-page.js';
import { LoginPage } from './pages/login-page.js';
import { PasswordPage } from './pages/password-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { SetupPage } from './pages/setup-page.js';
import { TotpPage } from './pages/totp-page.js';
import { UsersPage } from './pages/users-page.js';
import { useIdleLock } from './use-idle-lock.js';

type NavKey = 'dashboard' | 'incidents' | 'deadlines' | 'settingsNav' | 'scoping' | 'ehrAudit' | 'mail' | 'logs' | 'preparedness' | 'users' | 'audit' | 'password';

interface NavItem {
  key: NavKey;
  path: string;
  permission: Permission | null;
}

/** Navigation, including slots for the modules still to come. */
const NAV: NavItem[] = [
  { key: 'dashboard', path: '/', permission: 'dashboard:read' },
  { key: 'incidents', path: '/incidents', permission: 'incidents:read' },
  { key: 'deadlines', path: '/deadlines', permission: 'incidents:read' },
  { key: 'scoping', path: '/scoping', permission: 'scoping:run' },
  { key: 'ehrAudit', path: '/ehr-audit', permission: 'ehr_audit:read' },
  { key: 'mail', path: '/mail', permission: 'mail:read' },
  { key: 'logs', path: '/logs', permission: 'logs:read' },
  { key: 'preparedness', path: '/preparedness', permission: 'preparedness:read' },
  { key: 'users', path: '/users', permission: 'users:manage' },
  { key: 'audit', path: '/audit', permission: 'audit:read' },
  { key: 'settingsNav', path: '/settings', permission: 'settings:manage' },
];

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: string) => {
    window.history.pushState(null, '', next);
    setPath(next);
  }, []);
  return [path, navigate];
}

type State = { kind: 'loading' } | { kind: 'anonymous'; notice?: string } | { kind: 'session'; me: MeResponse };

export function App() {
  const { t, lang, setLang } = useI18n();
  const [path, navigate] = usePath();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const refresh = useCallback(async (notice?: string) => {
    try {
      const me = await api<MeResponse>('GET', '/api/auth/me');
      setCsrfToken(me.csrfToken);
      setState({ kind: 'session', me });
    } catch {
      setState(notice ? { kind: 'anonymous', notice } : { kind: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onApiError((error: ApiError) => {
        if (error.code === 'session_locked') {
          setState((s) => (s.kind === 'session' ? { kind: 'session', me: { ...s.me, locked: true } } : s));
        } else if (error.code === 'unauthenticated') {
          setState({ kind: 'anonymous' });
        }
      }),
    [],
  );

  const me = state.kind === 'session' ? state.me : null;
  useIdleLock(Boolean(me && me.stage === 'active' && !me.locked), me?.idleLockSeconds ?? 900, () =>
    setState((s) => (s.kind === 'session' ? { kind: 'session', me: { ...s.me, locked: true } } : s)),
  );

  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    setState({ kind: 'anonymous' });
    navigate('/');
  };

  const langButton = (
    <button type="button" className="link" onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')} lang={lang === 'ja' ? 'en' : 'ja'}>
      {t.language}
    </button>
  );

  let body: ReactNode;
  if (state.kind === 'loading') {
    body = <p aria-busy="true">…</p>;
  } else if (path === '/setup') {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    body = (
      <SetupPage
        token={token}
        onDone={() => {
          navigate('/');
          setState({ kind: 'anonymous', notice: t.setupDone });
        }}
      />
    );
  } else if (state.kind === 'anonymous') {
    body = <LoginPage notice={state.notice} onDone={() => void refresh()} />;
  } else if (state.me.stage !== 'active') {
    body = <TotpPage mode={state.me.stage} onDone={() => void refresh()} />;
  } else if (state.me.mustChangePassword) {
    body = <PasswordPage forced onDone={() => void refresh()} />;
  } else {
    body = <Shell me={state.me} path={path} navigate={navigate} onSignOut={() => void signOut()} onLock={() => void api('POST', '/api/auth/lock').then(() => refresh())} />;
  }

  return (
    <>
      <a className="skip" href="#main">
        {t.skip}
      </a>
      <header className="top">
        <span className="brand">{t.appName}</span>
        <span className="spacer" />
        {me ? <span className="who">{me.user.displayName}（{t.roles[me.user.role]}）</span> : null}
        {langButton}
        {me ? (
          <button type="button" className="link" onClick={() => void signOut()}>
            {t.signOut}
          </button>
        ) : null}
      </header>
      <div id="main">{body}</div>
      {me?.locked ? <LockScreen username={me.user.username} onUnlocked={() => void refresh()} onSignOut={() => void signOut()} /> : null}
    </>
  );
}

function Shell({ me, path, navigate, onSignOut, onLock }: { me: MeResponse; path: string; navigate: (p: string) => void; onSignOut: () => void; onLock: () => void }) {
  const { t } = useI18n();
  const allowed = (item: NavItem) => item.permission === null || me.permissions.includes(item.permission);
  const caseMatch = /^\/incidents\/([\w-]+)$/.exec(path);
  const current =
    NAV.find((item) => item.path === path) ??
    (path === '/password' ? { key: 'password' as const, path, permission: null } : null) ??
    (caseMatch ? { key: 'incidents' as const, path, permission: 'incidents:read' as const } : null);
  const canWriteIncidents = me.permissions.includes('incidents:write');

  let page: ReactNode;
  if (!current) {
    page = <p>404</p>;
  } else if (!allowed(current)) {
    page = (
      <section aria-labelledby="forbidden-title" data-testid="forbidden">
        <h1 id="forbidden-title">{t.forbidden}</h1>
        <p>{t.forbiddenHelp}</p>
      </section>
    );
  } else {
    switch (current.key) {
      case 'dashboard':
        page = <DashboardPage />;
        break;
      case 'users':
        page = <UsersPage selfId={me.user.id} />;
        break;
      case 'audit':
        page = <AuditPage canExport={me.permissions.includes('audit:export')} canVerify={me.permissions.includes('audit:verify')} />;
        break;
      case 'password':
        page = <PasswordPage forced={false} onDone={() => undefined} />;
        break;
      case 'incidents':
        page = caseMatch?.[1] ? <CasePage id={caseMatch[1]} canWrite={canWriteIncidents} canReadPii={me.permissions.includes('pii:read')} canScan={me.permissions.includes('scoping:run')} canReveal={me.permissions.includes('pii:reveal')} /> : <CaseListPage canWrite={canWriteIncidents} navigate={navigate} />;
        break;
      case 'deadlines':
        page = <DeadlinesPage navigate={navigate} />;
        break;
      case 'settingsNav':
        page = <SettingsPage />;
        break;
      case 'ehrAudit':
        page = <EhrAuditPage canReview={me.permissions.includes('ehr_audit:review')} navigate={navigate} />;
        break;
      case 'scoping':
        page = (
          <section>
            <h1>{t.scoping}</h1>
            <p>{t.scopingHome.intro}</p>
            <p>
              <a href="/incidents" onClick={(ev) => { ev.preventDefault(); navigate('/incidents'); }}>
                {t.incidents}
              </a>
            </p>
          </section>
        );
        break;
      case 'mail':
        page = <MailPage canReview={me.permissions.includes('mail:review')} navigate={navigate} />;
        break;
      case 'logs':
      case 'preparedness':
        page = (
          <section>
            <h1>{t[current.key]}</h1>
            <p>{t.comingSoon}</p>
          </section>
        );
        break;
    }
  }

  return (
    <div className="shell">
      <nav aria-label="main">
        <ul>
          {NAV.filter(allowed).map((item) => (
            <li key={item.key}>
              <a
                href={item.path}
                aria-current={item.path === path || (item.path !== '/' && path.startsWith(`${item.path}/`)) ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(item.path);
                }}
              >
                {t[item.key]}
              </a>
            </li>
          ))}
          <li>
            <a
              href="/password"
              aria-current={path === '/password' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/password');
              }}
            >
              {t.changePassword}
            </a>
          </li>
        </ul>
        <div className="nav-actions">
          <button type="button" className="secondary" onClick={onLock}>
            {t.lockNow}
          </button>
          <button type="button" className="secondary" onClick={onSignOut}>
            {t.signOut}
          </button>
        </div>
      </nav>
      <main>{page}</main>
    </div>
  );
}
