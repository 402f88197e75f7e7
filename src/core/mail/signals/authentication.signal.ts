import type { Reason, Signal } from '../signal.js';

/**
 * SPF/DKIM/DMARC outcome, from mailauth (when DNS or a DNS cache was available) or from the
 * Authentication-Results header of the hospital's own MTA. Missing results say nothing.
 */
export const authenticationSignal: Signal = {
  name: 'authentication',
  run(m) {
    const a = m.auth;
    if (!a) return [];
    const by = a.source === 'mailauth' ? 'Mamoriの検証' : `受信サーバー${a.authservId ? `（${a.authservId}）` : ''}の判定`;
    const out: Reason[] = [];
    if (a.dmarc === 'fail') out.push({ code: 'dmarc_fail', text: `DMARC認証に失敗しています（${by}）：差出人ドメインのなりすましの疑い`, weight: 35 });
    else if (a.spf === 'fail' || a.spf === 'softfail') out.push({ code: 'spf_fail', text: `SPF認証に失敗しています（${by}）`, weight: 15 });
    if (a.dkim === 'fail') out.push({ code: 'dkim_fail', text: `DKIM署名の検証に失敗しています（${by}）：途中で改ざんされたか偽の署名です`, weight: 15 });
    if (a.arc === 'fail') out.push({ code: 'arc_fail', text: `ARC（転送経路の署名）の検証に失敗しています（${by}）`, weight: 5 });
    return out;
  },
};
