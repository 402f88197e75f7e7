/**
 * Many failed logins on one account within an hour (guessing or spraying), and above all a
 * success afterwards from an outside address that had been failing and had never logged in before
 * — the moment the password fell.
 */
import { isoJst } from '../../../jst.js';
import { DAY_MS, HOUR_MS, MAX_EVIDENCE, type TakeoverDetector } from '../finding.js';
import { isInternalIp } from '../ip-scope.js';

const BURST = 10;

export const passwordAttackDetector: TakeoverDetector = {
  name: 'password-attack',
  run(t) {
    const fails = t.logins.filter((l) => !l.success);
    if (fails.length < BURST) return [];
    // First window of BURST failures within an hour.
    let start = -1;
    for (let i = 0; i + BURST - 1 < fails.length; i++) {
      const a = fails[i];
      const b = fails[i + BURST - 1];
      if (a && b && b.at - a.at <= HOUR_MS) {
        start = i;
        break;
      }
    }
    const first = fails[start];
    if (start < 0 || !first) return [];
    const burst = fails.filter((f) => f.at >= first.at && f.at <= first.at + DAY_MS);
    // A user's own phone retrying an old password fails from an address that worked before; an
    // attacker's does not. Internal addresses are the hospital's own terminals.
    const known = new Set(t.logins.filter((l) => l.success && l.at < first.at && l.ip !== null).map((l) => l.ip));
    const failingIps = new Set(burst.map((f) => f.ip).filter((ip): ip is string => ip !== null && !known.has(ip) && !isInternalIp(ip)));
    const success = t.logins.find((l) => l.success && l.at > first.at && l.at <= first.at + DAY_MS && l.ip !== null && failingIps.has(l.ip));
    const last = burst[burst.length - 1] ?? first;
    const evidence = burst.slice(0, MAX_EVIDENCE - 1).map((f) => ({ at: f.at, ref: f.ref, text: `ログイン失敗 ${f.ip ?? ''} ${f.detail}` }));
    if (success) {
      evidence.push({ at: success.at, ref: success.ref, text: `失敗していた ${success.ip ?? ''} からログイン成功` });
      return [{ code: 'password_attack_success', kind: 'access', text: `ログイン失敗 ${burst.length} 回（${isoJst(first.at)} から）の後、同じ接続元 ${success.ip ?? ''} でログイン成功`, weight: 50, first: first.at, last: success.at, compromisedAt: success.at, evidence, suspectIps: success.ip ? [success.ip] : [] }];
    }
    return [{ code: 'password_attack', kind: 'access', text: `1 時間に ${BURST} 回以上のログイン失敗（計 ${burst.length} 回、${isoJst(first.at)} から）`, weight: 15, first: first.at, last: last.at, evidence, suspectIps: [] }];
  },
};
