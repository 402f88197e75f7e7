import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'ja' | 'en';

const ja = {
  appName: 'Mamori 守り',
  skip: '本文へ移動',
  language: 'English',
  username: 'ユーザー名',
  password: 'パスワード',
  signIn: 'ログイン',
  signOut: 'ログアウト',
  code: '確認コード（6桁）',
  verify: '確認',
  mfaTitle: '二要素認証',
  mfaHelp: '認証アプリに表示されている6桁のコードを入力してください。',
  enrolTitle: '二要素認証の設定',
  enrolHelp: '認証アプリ（Google Authenticator、Microsoft Authenticator など）でQRコードを読み取り、表示された6桁のコードを入力してください。',
  secretManual: '手入力用のキー',
  setupTitle: '初期設定：管理者の作成',
  setupHelp: 'コンソールに表示された一回限りのリンクから開いています。最初の管理者アカウントを作成します。',
  setupDone: '管理者を作成しました。ログインして二要素認証を設定してください。',
  setupNoToken: 'セットアップリンクが必要です。サーバー起動時にコンソールへ表示されたリンクを開いてください。',
  displayName: '表示名',
  create: '作成',
  passwordRule: '13文字以上（二要素認証を使う場合は8文字以上）。ユーザー名を含めないこと。',
  changePassword: 'パスワード変更',
  currentPassword: '現在のパスワード',
  newPassword: '新しいパスワード',
  confirmPassword: '新しいパスワード（確認）',
  mismatch: '確認用パスワードが一致しません',
  mustChange: '管理者が設定したパスワードです。新しいパスワードに変更してください。',
  saved: '保存しました',
  lockedTitle: '画面ロック中',
  lockedHelp: '一定時間操作がなかったため画面をロックしました。パスワードを入力して再開してください。',
  unlock: 'ロック解除',
  lockNow: '画面ロック',
  dashboard: 'ダッシュボード',
  incidents: 'インシデント',
  scoping: '影響範囲調査',
  ehrAudit: '電子カルテ監査',
  mail: 'メール',
  logs: 'ログ',
  preparedness: '備え',
  users: 'ユーザー管理',
  audit: '監査証跡',
  comingSoon: 'このモジュールは準備中です。',
  forbidden: '権限がありません',
  forbiddenHelp: 'このページを表示する権限がありません。必要な場合は管理者に依頼してください。',
  usersActive: '有効なユーザー',
  sessions: 'ログイン中のセッション',
  auditEvents24h: '監査記録（24時間）',
  failedLogins24h: 'ログイン失敗（24時間）',
  auditTotal: '監査記録（累計）',
  jobsQueued: '待機中のジョブ',
  lastVerify: '最終の改ざん検証',
  never: '未実施',
  role: '役割',
  status: '状態',
  mfa: '二要素',
  lastLogin: '最終ログイン',
  actions: '操作',
  enabled: '有効',
  disabled: '無効',
  lockedAccount: 'ロック中',
  disable: '無効化',
  enable: '有効化',
  resetMfa: '二要素リセット',
  unlockAccount: 'ロック解除',
  addUser: 'ユーザー追加',
  initialPassword: '初期パスワード',
  filter: '絞り込み',
  actor: '利用者',
  action: '操作',
  from: '開始日',
  to: '終了日',
  search: '検索',
  more: 'さらに表示',
  exportCsv: 'CSV出力（UTF-8）',
  exportSjis: 'CSV出力（Shift_JIS）',
  verifyChain: '改ざん検証を実行',
  at: '日時（JST）',
  target: '対象',
  result: '結果',
  detail: '詳細',
  yes: 'あり',
  no: 'なし',
  error: 'エラー',
  hospital: '病院',
  passwordFailures: {
    too_short: '文字数が足りません',
    too_long: '長すぎます',
    contains_username: 'ユーザー名を含んでいます',
    common_password: 'よく使われるパスワードです',
    same_as_current: '現在と同じです',
  },
  roles: {
    admin: '管理者',
    security_officer: '安全管理責任者',
    privacy_officer: '個人情報保護担当',
    auditor: '監査担当',
    responder: '対応担当',
    viewer: '閲覧',
  },
};

type Dict = typeof ja;

const en: Dict = {
  appName: 'Mamori',
  skip: 'Skip to content',
  language: '日本語',
  username: 'User name',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  code: 'Verification code (6 digits)',
  verify: 'Verify',
  mfaTitle: 'Two-factor authentication',
  mfaHelp: 'Enter the 6-digit code shown in your authenticator app.',
  enrolTitle: 'Set up two-factor authentication',
  enrolHelp: 'Scan the QR code with an authenticator app, then enter the 6-digit code it shows.',
  secretManual: 'Key for manual entry',
  setupTitle: 'First-run setup: create the administrator',
  setupHelp: 'You opened the one-time link printed on the server console. Create the first administrator.',
  setupDone: 'Administrator created. Sign in and set up two-factor authentication.',
  setupNoToken: 'A setup link is required. Open the link printed on the console when the server started.',
  displayName: 'Display name',
  create: 'Create',
  passwordRule: 'At least 13 characters (8 with two-factor). Must not contain the user name.',
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password (again)',
  mismatch: 'The passwords do not match',
  mustChange: 'Your password was set by an administrator. Please choose a new one.',
  saved: 'Saved',
  lockedTitle: 'Screen locked',
  lockedHelp: 'The screen was locked after a period of inactivity. Enter your password to continue.',
  unlock: 'Unlock',
  lockNow: 'Lock screen',
  dashboard: 'Dashboard',
  incidents: 'Incidents',
  scoping: 'Breach scoping',
  ehrAudit: 'EHR audit',
  mail: 'Mail',
  logs: 'Logs',
  preparedness: 'Preparedness',
  users: 'Users',
  audit: 'Audit trail',
  comingSoon: 'This module is coming soon.',
  forbidden: 'Not allowed',
  forbiddenHelp: 'You do not have permission to view this page. Ask an administrator if you need it.',
  usersActive: 'Active users',
  sessions: 'Signed-in sessions',
  auditEvents24h: 'Audit events (24 h)',
  failedLogins24h: 'Failed sign-ins (24 h)',
  auditTotal: 'Audit events (total)',
  jobsQueued: 'Queued jobs',
  lastVerify: 'Last tamper check',
  never: 'never',
  role: 'Role',
  status: 'Status',
  mfa: '2FA',
  lastLogin: 'Last sign-in',
  actions: 'Actions',
  enabled: 'Enabled',
  disabled: 'Disabled',
  lockedAccount: 'Locked',
  disable: 'Disable',
  enable: 'Enable',
  resetMfa: 'Reset 2FA',
  unlockAccount: 'Unlock',
  addUser: 'Add user',
  initialPassword: 'Initial password',
  filter: 'Filter',
  actor: 'User',
  action: 'Action',
  from: 'From',
  to: 'To',
  search: 'Search',
  more: 'Load more',
  exportCsv: 'Export CSV (UTF-8)',
  exportSjis: 'Export CSV (Shift_JIS)',
  verifyChain: 'Run tamper check',
  at: 'Time (JST)',
  target: 'Target',
  result: 'Result',
  detail: 'Detail',
  yes: 'yes',
  no: 'no',
  error: 'Error',
  hospital: 'Hospital',
  passwordFailures: {
    too_short: 'too short',
    too_long: 'too long',
    contains_username: 'contains the user name',
    common_password: 'a commonly used password',
    same_as_current: 'same as the current one',
  },
  roles: {
    admin: 'Administrator',
    security_officer: 'Security officer',
    privacy_officer: 'Privacy officer',
    auditor: 'Auditor',
    responder: 'Responder',
    viewer: 'Viewer',
  },
};

const DICTS: Record<Lang, Dict> = { ja, en };

interface I18n {
  t: Dict;
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ t: ja, lang: 'ja', setLang: () => undefined });

function initialLang(): Lang {
  return localStorage.getItem('mamori.lang') === 'en' ? 'en' : 'ja';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = (next: Lang) => {
    localStorage.setItem('mamori.lang', next);
    document.documentElement.lang = next;
    setLangState(next);
  };
  return <I18nContext.Provider value={{ t: DICTS[lang], lang, setLang }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** JST date-time for display, whatever the browser's time zone. */
export function formatJst(isoText: string | null): string {
  if (!isoText) return '—';
  const d = new Date(Date.parse(isoText) + 9 * 3600 * 1000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
